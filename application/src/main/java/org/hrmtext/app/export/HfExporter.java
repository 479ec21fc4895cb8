package org.hrmtext.app.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hrmtext.app.AppVersion;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.domain.config.ModelConfigJson;
import org.hrmtext.domain.json.JsonWriter;
import org.hrmtext.domain.model.ModelDirectoryReader;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.SafetensorsWriter;
import org.hrmtext.domain.model.SafetensorsWriter.Dtype;

/**
 * Writes a model directory in the layout the transformers {@code hrm_text} model loads:
 * {@code config.json} with its keys, {@code model.safetensors} with the split Hugging Face tensor
 * names in float32 or bfloat16, and the tokenizer files when the source has them. The target
 * directory is replaced atomically.
 */
public final class HfExporter {
    /** Tokenizer files carried over as they are. */
    static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_info.json",
            "tokenizer_config.json", "special_tokens_map.json");

    private HfExporter() {
    }

    public static void export(Path source, Path target, Dtype dtype) {
        ModelWeights weights = ModelDirectoryReader.read(source);
        Map<String, Object> config = ModelConfigJson.toMap(weights.layout().config());
        config.put("torch_dtype", dtype == Dtype.BF16 ? "bfloat16" : "float32");
        Map<String, String> metadata = Map.of("format", "pt", "producer", AppVersion.PRODUCER,
                "version", AppVersion.version(), "dtype", dtype.name().toLowerCase(Locale.ROOT));
        AtomicDirectory.replace(target, dir -> {
            Files.writeString(dir.resolve(ModelDirectoryReader.CONFIG), JsonWriter.pretty(config));
            SafetensorsWriter.write(dir.resolve(ModelDirectoryReader.WEIGHTS), weights.layout().all().stream()
                    .map(s -> new SafetensorsWriter.Slot(s.name(), s.shape())).toList(), weights::get, metadata, dtype);
            for (String name : TOKENIZER_FILES) {
                if (Files.exists(source.resolve(name))) {
                    Files.copy(source.resolve(name), dir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        });
    }
}
