package org.hrmtext.app.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.domain.InvalidInputException;

/**
 * What a model argument ({@code --model DIR|FILE.onnx}) implies: the folder holding its tokenizer
 * files (the directory itself, or the one beside an exported file) and the inference backend used
 * when none is named (DJL for a directory, ONNX Runtime for a file).
 */
public final class ModelPaths {
    private ModelPaths() {
    }

    /** The folder whose tokenizer files belong to the model; fails when the model does not exist. */
    public static Path tokenizerHome(Path model) {
        if (!Files.exists(model)) {
            throw new InvalidInputException(model + ": no such model directory or file");
        }
        return Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
    }

    /** The named backend, or the default for this kind of model. */
    public static String backend(Path model, String named) {
        return named != null ? named : Files.isDirectory(model) ? "djl" : "onnx";
    }
}
