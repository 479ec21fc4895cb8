package org.hrmtext.app.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.hrmtext.app.bench.GenerateBenchReport;
import org.hrmtext.app.bench.GenerateBenchRequest;
import org.hrmtext.app.bench.GenerationBenchmark;
import org.hrmtext.domain.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrm bench generate}: prefill and decode speed, cache size and cached-vs-recompute on random weights. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Time generation on random weights: prefill a prompt, decode greedily through the generation "
                + "engine, and compare one cached decode step with recomputing the sequence.",
                "--preset xl-random is the released XL shape (1.2 B parameters; give the JVM room: JAVA_OPTS=-Xmx14g)."})
public final class BenchGenerateCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small", description = "tiny, small, B, L, XL or xl-random (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "onnx", description = "Inference backend (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "128", description = "Prompt length (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "128", description = "Tokens to decode (default: ${DEFAULT-VALUE}).")
    int newTokens;

    @Option(names = "--recompute-context", paramLabel = "N", defaultValue = "256", description = "Context of the cached-vs-recompute comparison; 0 = skip (default: ${DEFAULT-VALUE}).")
    int recomputeContext;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    private final GenerationBenchmark benchmark;

    @Inject
    public BenchGenerateCommand(GenerationBenchmark benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public Integer call() {
        GenerateBenchReport r = benchmark.run(new GenerateBenchRequest(preset, backend, threads, promptTokens, newTokens,
                recomputeContext));
        System.out.print(json ? JsonWriter.compact(r.toJson()) + System.lineSeparator() : r.text());
        return 0;
    }
}
