package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hrmtext.app.inspect.InspectUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hrm inspect}: the ONNX contract of an exported file, or the summary of a model directory. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print what a model is: for FILE.onnx its inputs and outputs (names, dtypes, shapes), the "
                + "attention bias convention, its caches and its metadata (architecture, schedule, quantization, "
                + "provenance); for a model directory its config, schedule, tensors, parameters, dtype, tokenizer "
                + "and digest. Reads headers only."})
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.onnx|DIR", description = "An exported ONNX file or a model directory.")
    Path path;

    @Option(names = "--backend", defaultValue = "onnx", paramLabel = "NAME",
            description = "Backend that reads exported files (default: ${DEFAULT-VALUE}).")
    String backend;

    private final InspectUseCase useCase;

    @Inject
    public InspectCommand(InspectUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        useCase.describe(path, backend).forEach(System.out::println);
        return 0;
    }
}
