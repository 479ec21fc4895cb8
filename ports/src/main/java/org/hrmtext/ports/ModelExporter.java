package org.hrmtext.ports;

import java.nio.file.Path;
import java.util.Map;
import org.hrmtext.domain.model.ModelWeights;

/**
 * Writes a model to a file a runtime can execute (ONNX): the recurrence unrolled from the domain
 * schedule, each weight stored once, with provenance metadata. Writes atomically.
 */
public interface ModelExporter {

    /**
     * @param weights the model (its layout carries the config)
     * @param out the file to write
     * @param opset the operator-set version
     * @param metadata provenance (producer, version, source checkpoint, ...), stored in the file
     */
    void export(ModelWeights weights, Path out, int opset, Map<String, String> metadata);
}
