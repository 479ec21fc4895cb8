package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hrmtext.lab.bench.QuantizationQuality;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.ports.ExportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm bench quantization}: held-out exact match and next-token KL of quantized exports against float32. */
@Command(name = "quantization", mixinStandardHelpOptions = true,
        description = {"Export a trained model directory as float32 and as block-quantized ONNX (int8, int4), then "
                + "for each: held-out exact match (greedy, like hrm eval) and the mean KL(p_f32 || p_q) of the next-token "
                + "distribution over the reference responses (teacher-forced). One report (JSON line with --json) per format."})
public final class BenchQuantizationCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Trained model directory with tokenizer files.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.jsonl", description = "Held-out {\"instruction\", \"response\"} items.")
    Path data;

    @Option(names = "--weights", split = ",", paramLabel = "int8|int4", defaultValue = "int8,int4", description = "Formats to compare with float32 (default: ${DEFAULT-VALUE}).")
    List<String> weights;

    @Option(names = "--block-size", paramLabel = "32|64|128", defaultValue = "32", description = "Block size (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--quantize-lm-head", description = "Quantize lm_head too (as export-onnx --quantize-lm-head).")
    boolean quantizeLmHead;


    @Option(names = "--json", description = "Print one JSON object per format instead of text.")
    boolean json;

    private final QuantizationQuality quality;

    @Inject
    public BenchQuantizationCommand(QuantizationQuality quality) {
        this.quality = quality;
    }

    @Override
    public Integer call() {
        compute.requireUnset("hrm bench quantization", "--backend");
        compute.requireCpu("hrm bench quantization");
        quality.run(model, data, weights.stream().map(w -> ExportOptions.Weights.parse("--weights", w)).toList(),
                blockSize, quantizeLmHead, compute.threads(), r -> {
                    System.out.print(json ? JsonWriter.compact(r.toJson()) + System.lineSeparator()
                            : String.format(Locale.ROOT, "%s: exact match %.2f %% (f32 %.2f %%, %+.2f points), mean KL %.5f "
                                    + "nats over %d positions%n", r.format().describe(), 100 * r.exactMatch(),
                                    100 * r.f32ExactMatch(), r.deltaPoints(), r.meanKl(), r.positions()));
                    System.out.flush();
                });
        return 0;
    }
}
