package org.hrmtext.ports;

import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.ModelWeights;

/**
 * What an inference backend loads: the weights of a model directory (whose layout carries the
 * config), or an exported file (an ONNX model, which carries its config as metadata), or both.
 * Backends that run files use the file, exporting the weights themselves when there is none;
 * backends that run weights need the weights.
 */
public record ModelSource(Optional<ModelWeights> weights, Optional<Path> exportedFile) {

    public ModelSource {
        if (weights.isEmpty() && exportedFile.isEmpty()) {
            throw new InvalidInputException("a model source needs weights or an exported file");
        }
    }

    public static ModelSource of(ModelWeights weights) {
        return new ModelSource(Optional.of(weights), Optional.empty());
    }

    public static ModelSource ofFile(Path exported) {
        return new ModelSource(Optional.empty(), Optional.of(exported));
    }

    /** The weights, or a clear error for backends that cannot run an exported file. */
    public ModelWeights requireWeights(String backend) {
        return weights.orElseThrow(() -> new InvalidInputException("backend " + backend + " needs a model directory, not "
                + exportedFile.map(Path::toString).orElse("an exported file") + "; use the onnx backend for ONNX files"));
    }
}
