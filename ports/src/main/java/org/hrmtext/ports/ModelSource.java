package org.hrmtext.ports;

import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.domain.model.ModelWeights;

/**
 * What an inference backend loads: the weights of a model directory (whose layout carries the
 * config), and, when there is one, an exported file (e.g. an ONNX model) that backends which run
 * files use instead of exporting the weights themselves.
 */
public record ModelSource(ModelWeights weights, Optional<Path> exportedFile) {

    public static ModelSource of(ModelWeights weights) {
        return new ModelSource(weights, Optional.empty());
    }
}
