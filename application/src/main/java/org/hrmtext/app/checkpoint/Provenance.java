package org.hrmtext.app.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.app.AppVersion;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.formats.json.JsonWriter;

/**
 * Where a weights file came from, written into its safetensors {@code __metadata__}: the producer
 * and its version, the backend that trained it, the seed, the step, the dtype and the model config.
 * {@code format: pt} is kept so that Hugging Face loaders accept the file.
 */
public record Provenance(String backend, long seed, long step) {

    /** The metadata of a file holding {@code content} (e.g. raw weights) of a model. */
    public Map<String, String> metadata(String content, ModelConfig config) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("producer", AppVersion.PRODUCER);
        m.put("version", AppVersion.version());
        m.put("content", content);
        m.put("backend", backend);
        m.put("seed", Long.toString(seed));
        m.put("step", Long.toString(step));
        m.put("dtype", "F32");
        m.put("config", JsonWriter.compact(ModelConfigJson.toMap(config)));
        return m;
    }
}
