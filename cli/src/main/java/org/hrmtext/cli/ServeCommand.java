package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hrmtext.app.serve.ServeOptions;
import org.hrmtext.app.serve.ServerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code hrm serve}: the OpenAI-compatible HTTP server with continuous batching. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a model over an OpenAI-compatible HTTP API: POST /v1/completions and /v1/chat/completions "
                + "(stream: true for server-sent events), GET /v1/models, /health, /ready, /metrics (Prometheus).",
                "Concurrent requests are decoded together, one token per request per step (continuous batching). "
                        + "Prints the URL when ready and one access line per request; SIGTERM drains and exits 0."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--model", required = true, paramLabel = "DIR|FILE.onnx",
            description = "Model directory or exported ONNX file, with its tokenizer files (beside the file).")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "Port (0 = any free one; default: ${DEFAULT-VALUE}).")
    int port;




    @Option(names = "--max-batch", defaultValue = "8", paramLabel = "N", description = "Requests decoded together (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-queue", defaultValue = "64", paramLabel = "N", description = "Requests waiting for a slot before 429 (default: ${DEFAULT-VALUE}).")
    int maxQueue;

    @Option(names = "--max-context", defaultValue = "0", paramLabel = "N", description = "Prompt + new tokens per request (0 = the model's max_position_embeddings).")
    int maxContext;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Require Authorization: Bearer <the value of VAR> on /v1/*.")
    String apiKeyEnv;

    @Option(names = "--cache-budget-mb", defaultValue = "1024", paramLabel = "MB", description = "KV-cache budget of the batch (default: ${DEFAULT-VALUE}).")
    long cacheBudgetMb;

    @Option(names = "--request-timeout", defaultValue = "300", paramLabel = "S", description = "Per-request deadline in seconds (default: ${DEFAULT-VALUE}).")
    int requestTimeout;

    @Option(names = "--grace", defaultValue = "30", paramLabel = "S", description = "Seconds SIGTERM lets running requests finish (default: ${DEFAULT-VALUE}).")
    int grace;

    @Option(names = "--max-body-kb", defaultValue = "1024", paramLabel = "KB", description = "Largest request body; larger is 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyKb;

    @Option(names = "--default-max-tokens", defaultValue = "256", paramLabel = "N", description = "max_tokens when a request has none (default: ${DEFAULT-VALUE}).")
    int defaultMaxTokens;

    private final ServerLauncher launcher;

    @Inject
    public ServeCommand(ServerLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerLauncher.Running running = launcher.launch(new ServeOptions(Optional.of(model), Optional.empty(), compute.backendFor(model), compute.device(),
                compute.threads(), host, port, maxBatch, maxQueue, maxContext, Optional.ofNullable(apiKeyEnv), cacheBudgetMb,
                requestTimeout, grace, maxBodyKb, defaultMaxTokens), System.out);
        CountDownLatch stop = new CountDownLatch(1);
        // A signal handler, not a shutdown hook: ONNX Runtime's own hook closes its environment at
        // JVM exit, which would crash a decode step still running; the drain must come first.
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        System.out.println("hrm serve: listening on " + running.url());
        System.out.flush();
        stop.await();
        System.out.println("hrm serve: stopping (grace " + grace + " s)");
        boolean drained = running.shutdown();
        System.out.println("hrm serve: stopped" + (drained ? "" : "; requests still running after the grace period were cancelled"));
        return 0;
    }
}
