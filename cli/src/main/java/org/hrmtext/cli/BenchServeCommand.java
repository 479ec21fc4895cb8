package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hrmtext.lab.serve.ServeBenchRequest;
import org.hrmtext.lab.serve.ServeBenchmark;
import org.hrmtext.app.serve.ServeOptions;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm bench serve}: a load test of {@code hrm serve} on a loopback port. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start hrm serve on a free loopback port and drive it with streamed greedy completions at each "
                + "concurrency: requests/s, aggregate generated tokens/s, time to first token and inter-token latency "
                + "p50/p99, errors.",
                "Writes OUT/bench-serve.json and OUT/bench-serve.png (throughput and latency against concurrency). "
                        + "--preset NAME serves that preset's random weights with the built-in byte tokenizer."})
public final class BenchServeCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--model", paramLabel = "DIR|FILE.onnx", description = "Model with tokenizer files (or use --preset).")
    Path model;

    @Option(names = "--preset", paramLabel = "NAME", description = "Random weights of a preset (tiny, small, ...) instead of --model.")
    String preset;



    @Option(names = "--concurrency", defaultValue = "1,4,16", split = ",", paramLabel = "N", description = "Parallel clients per level (default: ${DEFAULT-VALUE}).")
    int[] concurrency;

    @Option(names = "--requests", defaultValue = "32", paramLabel = "N", description = "Requests per level (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--max-tokens", defaultValue = "64", paramLabel = "N", description = "max_tokens of each request (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--prompt-chars", defaultValue = "32", paramLabel = "N", description = "Prompt length in characters (default: ${DEFAULT-VALUE}).")
    int promptChars;

    @Option(names = "--max-batch", defaultValue = "0", paramLabel = "N", description = "Server's max batch (0 = the largest concurrency).")
    int maxBatch;

    @Option(names = "--max-context", defaultValue = "512", paramLabel = "N", description = "Server's context per request (default: ${DEFAULT-VALUE}).")
    int maxContext;

    @Option(names = "--out", defaultValue = "bench-serve", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    private final ServeBenchmark benchmark;

    @Inject
    public BenchServeCommand(ServeBenchmark benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public Integer call() throws InterruptedException {
        if ((model == null) == (preset == null)) {
            throw new InvalidInputException("expected exactly one of --model DIR|FILE.onnx and --preset NAME");
        }
        List<Integer> levels = Arrays.stream(concurrency).boxed().toList();
        int batch = maxBatch > 0 ? maxBatch : levels.stream().mapToInt(Integer::intValue).max().orElse(1);
        String name = model != null ? compute.backendFor(model) : compute.backendOr("onnx");
        ServeOptions server = new ServeOptions(Optional.ofNullable(model), Optional.ofNullable(preset), name, compute.device(), compute.threads(),
                "127.0.0.1", 0, batch, Math.max(64, requests), maxContext, Optional.empty(), 4096, 600, 30, 1024, maxTokens);
        Map<String, Object> report = benchmark.run(new ServeBenchRequest(server, levels, requests, maxTokens, promptChars, out));
        System.out.print(JsonWriter.pretty(report));
        System.out.println();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("levels");
        for (Map<String, Object> r : rows) {
            System.err.printf(Locale.ROOT, "concurrency %3d: %7.1f tokens/s, %5.2f requests/s, TTFT p50 %.1f ms, "
                    + "inter-token p50 %.2f ms, %s errors%n", (Integer) r.get("concurrency"), (Double) r.get("tokens_per_s"),
                    (Double) r.get("requests_per_s"), (Double) r.get("ttft_ms_p50"), (Double) r.get("itl_ms_p50"), r.get("errors"));
        }
        return 0;
    }
}
