package org.hrmtext.app.checkpoint;

import java.nio.file.Path;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.formats.model.ModelDirectoryReader;
import org.hrmtext.formats.safetensors.SafetensorsWriter;

/**
 * A Hugging Face style model directory: {@code config.json} and {@code model.safetensors}. This is
 * what {@code hrm train} writes, what {@code hrm score} reads, and what every backend loads. Each
 * file is replaced atomically.
 */
public final class ModelDirectory {
    public static final String CONFIG = ModelDirectoryReader.CONFIG;
    public static final String WEIGHTS = ModelDirectoryReader.WEIGHTS;

    private ModelDirectory() {
    }

    /** Reads and validates the config and the weights (single or sharded; names, shapes, dtypes). */
    public static ModelWeights read(Path dir) {
        return ModelDirectoryReader.read(dir);
    }

    /** Writes {@code config.json} and the raw weights as {@code model.safetensors}. */
    public static void write(Path dir, ModelWeights weights, Provenance provenance) {
        ModelConfig config = weights.layout().config();
        AtomicFiles.writeString(dir.resolve(CONFIG), ModelConfigJson.write(config));
        writeWeights(dir.resolve(WEIGHTS), weights, "raw weights", provenance);
    }

    /** Writes one weights file (raw or EMA) with its provenance. */
    public static void writeWeights(Path file, ModelWeights weights, String content, Provenance provenance) {
        AtomicFiles.write(file, tmp -> SafetensorsWriter.write(tmp, weights.all(),
                provenance.metadata(content, weights.layout().config())));
    }
}
