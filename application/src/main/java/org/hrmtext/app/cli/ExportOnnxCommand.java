package org.hrmtext.app.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hrmtext.app.export.ExportUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrm export-onnx}: a model directory as one ONNX file with per-call KV-cache inputs and outputs. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Export a model directory to ONNX: the recurrence unrolled from the schedule, each weight stored "
                + "once, past/present keys and values per module call and layer, dynamic batch and sequence axes, "
                + "provenance metadata; external data beside the file for models over 2 GB."})
public final class ExportOnnxCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (config.json + model.safetensors).")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "ONNX file to write (atomically).")
    Path out;

    @Option(names = "--opset", defaultValue = "17", paramLabel = "N", description = "ONNX opset (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--backend", defaultValue = "onnx", paramLabel = "NAME", description = "Exporting backend (default: ${DEFAULT-VALUE}).")
    String backend;

    private final ExportUseCase useCase;

    @Inject
    public ExportOnnxCommand(ExportUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        useCase.run(model, out, opset, backend);
        System.out.println("wrote " + out);
        return 0;
    }
}
