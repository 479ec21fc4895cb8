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

    /**
     * Exports with weight and cache formats other than float32 where the backend has them; the
     * default refuses anything but {@link ExportOptions#f32}.
     */
    default void export(ModelWeights weights, Path out, ExportOptions options, Map<String, String> metadata) {
        if (!options.equals(ExportOptions.f32(options.opset()))) {
            throw new org.hrmtext.domain.InvalidInputException("this exporter writes float32 weights and caches only, not "
                    + options.describe());
        }
        export(weights, out, options.opset(), metadata);
    }

    /**
     * The metadata of a file this exporter wrote (e.g. its weight format), for refusing to export
     * an already exported model again; empty where the backend cannot read it.
     */
    default Map<String, String> metadataOf(Path exported) {
        return Map.of();
    }

    /**
     * The graph inputs and outputs of a file this exporter's format holds; a file that is not
     * one is refused with {@link org.hrmtext.domain.InvalidInputException}. The default, for a
     * backend that cannot read its files back, refuses every file.
     */
    default ExportedSignature signatureOf(Path exported) {
        throw new org.hrmtext.domain.InvalidInputException(exported + ": this backend cannot read exported files");
    }
}
