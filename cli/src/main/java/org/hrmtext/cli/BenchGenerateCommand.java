package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import org.hrmtext.lab.bench.GenerateBenchRequest;
import org.hrmtext.lab.bench.GenerationBenchmark;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.ports.ExportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm bench generate}: prefill and decode speed, cache size and cached-vs-recompute on random weights. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Time generation on random weights: prefill prompts, decode greedily through the generation "
                + "engine (all rows of a batch in one forward per step), and compare one cached decode step with "
                + "recomputing the sequence. One report (one JSON line with --json) per weights x kv-dtype x batch.",
                "With the onnx backend each weight format is exported in a child process and loaded from the file, so "
                + "the peak RSS is that of loading and decoding. --preset xl-random is the released XL shape "
                + "(1.2 B parameters; give the JVM room: JAVA_OPTS=-Xmx14g)."})
public final class BenchGenerateCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small", description = "tiny, small, B, L, XL or xl-random (default: ${DEFAULT-VALUE}).")
    String preset;



    @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "128", description = "Prompt length (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "128", description = "Tokens to decode (default: ${DEFAULT-VALUE}).")
    int newTokens;

    @Option(names = "--recompute-context", paramLabel = "N", defaultValue = "256", description = "Context of the cached-vs-recompute comparison at batch 1; 0 = skip (default: ${DEFAULT-VALUE}).")
    int recomputeContext;

    @Option(names = "--weights", split = ",", paramLabel = "f32|int8|int4", defaultValue = "f32", description = "Weight formats to run, e.g. f32,int8,int4 (default: ${DEFAULT-VALUE}).")
    List<String> weights;

    @Option(names = "--block-size", paramLabel = "32|64|128", defaultValue = "32", description = "Block size of quantized weights (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--quantize-lm-head", description = "Quantize lm_head too in the int8/int4 formats (as export-onnx --quantize-lm-head).")
    boolean quantizeLmHead;

    @Option(names = "--kv-dtype", split = ",", paramLabel = "f32|f16", defaultValue = "f32", description = "KV cache element types to run (default: ${DEFAULT-VALUE}).")
    List<String> kvDtypes;

    @Option(names = "--batch", split = ",", paramLabel = "N", defaultValue = "1", description = "Batch sizes to run, e.g. 1,8 (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--json", description = "Print one JSON object per configuration instead of text.")
    boolean json;

    private final GenerationBenchmark benchmark;

    @Inject
    public BenchGenerateCommand(GenerationBenchmark benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public Integer call() {
        compute.requireCpu("hrm bench generate");
        GenerateBenchRequest request = new GenerateBenchRequest(preset, compute.backendOr("onnx"), compute.threads(), promptTokens, newTokens,
                recomputeContext, weights.stream().map(w -> ExportOptions.Weights.parse("--weights", w)).toList(),
                blockSize, quantizeLmHead, kvDtypes.stream().map(c -> ExportOptions.CacheType.parse("--kv-dtype", c)).toList(), batches);
        benchmark.run(request, r -> {
            System.out.print(json ? JsonWriter.compact(r.toJson()) + System.lineSeparator() : r.text());
            System.out.flush();
        });
        return 0;
    }
}
