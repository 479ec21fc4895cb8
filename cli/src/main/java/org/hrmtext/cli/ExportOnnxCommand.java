package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hrmtext.app.export.ExportUseCase;
import org.hrmtext.ports.ExportOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm export-onnx}: a model directory as one ONNX file with per-call KV-cache inputs and outputs. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Export a model directory to ONNX: the recurrence unrolled from the schedule, each weight stored "
                + "once, past/present keys and values per module call and layer, dynamic batch and sequence axes, "
                + "provenance metadata; external data beside the file for models over 2 GB.",
                "--weights int8|int4 stores every attention and MLP projection block-quantized (ONNX Runtime's "
                + "com.microsoft.MatMulNBits); --kv-dtype f16 keeps the KV cache in float16."})
public final class ExportOnnxCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the weights come from: a model directory, or random weights of a preset. */
    static final class Source {
        @Option(names = "--model", paramLabel = "DIR", description = "Model directory (config.json + model.safetensors).")
        Path model;

        @Option(names = "--random", paramLabel = "PRESET", description = "Random weights of a preset instead "
                + "(tiny, small, B, L, XL, xl-random), for benchmarks.")
        String random;
    }

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of --random weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "ONNX file to write (atomically).")
    Path out;

    @Option(names = "--opset", defaultValue = "17", paramLabel = "N", description = "ONNX opset (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--weights", defaultValue = "f32", paramLabel = "f32|int8|int4", description = "Projection weights: "
            + "float32, or block-quantized int8/int4 run by com.microsoft.MatMulNBits (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--block-size", defaultValue = "32", paramLabel = "32|64|128", description = "Weights per scale "
            + "and zero point along the input dimension of a quantized projection (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--quantize-lm-head", description = "Quantize lm_head too (kept float32 by default).")
    boolean quantizeLmHead;

    @Option(names = "--kv-dtype", defaultValue = "f32", paramLabel = "f32|f16", description = "Element type of the "
            + "KV cache inputs and outputs; f16 halves the cache, cast to float32 in the graph (default: ${DEFAULT-VALUE}).")
    String kvDtype;


    private final ExportUseCase useCase;

    @Inject
    public ExportOnnxCommand(ExportUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        compute.requireUnset("hrm export-onnx", "--threads");
        compute.requireCpu("hrm export-onnx");
        ExportOptions options = new ExportOptions(opset, ExportOptions.Weights.parse("--weights", weights), blockSize,
                quantizeLmHead, ExportOptions.CacheType.parse("--kv-dtype", kvDtype));
        if (source.model != null) {
            useCase.run(source.model, out, options, compute.backendOr("onnx"));
        } else {
            useCase.runRandom(source.random, seed, out, options, compute.backendOr("onnx"));
        }
        System.out.println("wrote " + out + " (" + options.describe() + ")");
        return 0;
    }
}
