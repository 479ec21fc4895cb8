package org.hrmtext.app.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.hrmtext.app.AppVersion;
import org.hrmtext.app.checkpoint.SourceModel;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.formats.config.SpecialTokenIds;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.model.ModelDirectoryReader;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.hrmtext.formats.safetensors.SafetensorsWriter.Dtype;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;

/**
 * Writes a model directory in the layout the transformers {@code hrm_text} model loads:
 * {@code config.json} with its keys ({@code architectures}, {@code bos_token_id},
 * {@code eos_token_id}, {@code pad_token_id} where the folder names them: {@link HfTokenIds}),
 * {@code generation_config.json} (eos = the {@code <eoa>} id), {@code model.safetensors} in
 * float32 or bfloat16 with split Hugging Face names or fused under the release's names
 * ({@code attn.gqkv_proj}, {@code mlp.gate_up_proj}), and the tokenizer files with a
 * {@code tokenizer_config.json}. HRM models only (transformers has no other architecture). Tensors
 * are read and written one at a time; the source's name and digest ({@link SourceModel}) go into
 * the safetensors metadata; the target directory is replaced atomically.
 */
public final class HfExporter {
    /** Tokenizer files carried over as they are. */
    static final List<String> TOKENIZER_FILES = List.of(TokenizerCatalog.TOKENIZER_JSON, "tokenizer_info.json",
            HfTokenIds.TOKENIZER_CONFIG, "special_tokens_map.json");
    static final String GENERATION_CONFIG = "generation_config.json";

    /** Tensor names and grouping of the exported weights. */
    public enum Layout {
        /** transformers' native names: {@code self_attn.{gate,q,k,v}_proj}, {@code mlp.{gate,up}_proj}. */
        SPLIT,
        /** The release's: {@code attn.gqkv_proj} ([gate, q, k, v] rows), {@code mlp.gate_up_proj}. */
        FUSED
    }

    private HfExporter() {
    }

    public static void export(Path source, Path target, Dtype dtype, Layout layout) {
        if (!Files.isDirectory(source)) {
            throw new InvalidInputException(source + ": not a model directory (expected " + ModelDirectoryReader.CONFIG
                    + " and " + ModelDirectoryReader.WEIGHTS + ")");
        }
        ModelConfig c = ModelConfigJson.read(source.resolve(ModelDirectoryReader.CONFIG));
        if (c.architecture() != Architecture.HRM) {
            throw new InvalidInputException(source.resolve(ModelDirectoryReader.CONFIG) + ": architecture "
                    + c.architecture().configName() + ": export-hf writes hrm models only (the transformers hrm_text "
                    + "model has no " + c.architecture().configName() + "); use export-onnx for it");
        }
        ModelWeights weights = ModelDirectoryReader.read(source);
        HfTokenIds tokens = HfTokenIds.of(source);
        Map<String, Object> config = ModelConfigJson.toMap(weights.layout().config());
        config.put("torch_dtype", dtype == Dtype.BF16 ? "bfloat16" : "float32");
        config.putAll(tokens.ids().toMap());
        Map<String, String> metadata = new TreeMap<>(Map.of("format", "pt", "producer", AppVersion.PRODUCER,
                "version", AppVersion.version(), "dtype", dtype.name().toLowerCase(Locale.ROOT)));
        metadata.putAll(SourceModel.of(source).metadata());
        List<SafetensorsWriter.Slot> slots = new ArrayList<>();
        Function<String, HostTensor> values = tensors(weights, layout, slots);
        AtomicDirectory.replace(target, dir -> {
            Files.writeString(dir.resolve(ModelDirectoryReader.CONFIG), JsonWriter.pretty(config));
            if (tokens.ids().eos().isPresent()) {
                Files.writeString(dir.resolve(GENERATION_CONFIG), JsonWriter.pretty(generationConfig(tokens.ids())));
            }
            SafetensorsWriter.write(dir.resolve(ModelDirectoryReader.WEIGHTS), slots, values, metadata, dtype);
            for (String name : TOKENIZER_FILES) {
                if (Files.exists(source.resolve(name))) {
                    Files.copy(source.resolve(name), dir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            if (Files.exists(source.resolve(TokenizerCatalog.TOKENIZER_JSON)) && !Files.exists(source.resolve(HfTokenIds.TOKENIZER_CONFIG))) {
                Files.writeString(dir.resolve(HfTokenIds.TOKENIZER_CONFIG),
                        JsonWriter.pretty(tokenizerConfig(tokens, c.maxPositionEmbeddings())));
            }
        });
    }

    /** Fills {@code slots} with the tensors of {@code layout} and returns where their values come from. */
    private static Function<String, HostTensor> tensors(ModelWeights weights, Layout layout, List<SafetensorsWriter.Slot> slots) {
        if (layout == Layout.SPLIT) {
            for (ParameterSpec s : weights.layout().all()) {
                slots.add(new SafetensorsWriter.Slot(s.name(), s.shape()));
            }
            return weights::get;
        }
        Map<String, FusedLayout.FusedTensor> byName = new LinkedHashMap<>();
        for (FusedLayout.FusedTensor t : FusedLayout.of(weights.layout()).tensors()) {
            String name = ParameterNames.releaseName(t.name());
            byName.put(name, t);
            slots.add(new SafetensorsWriter.Slot(name, t.shape()));
        }
        return name -> FusedLayout.fuse(byName.get(name), weights).renamed(name);
    }

    private static Map<String, Object> generationConfig(SpecialTokenIds ids) {
        Map<String, Object> m = new LinkedHashMap<>(ids.toMap());
        m.put("do_sample", false);
        return m;
    }

    private static Map<String, Object> tokenizerConfig(HfTokenIds tokens, int maxLength) {
        Map<String, Object> m = new LinkedHashMap<>();
        tokens.ids().bos().ifPresent(id -> putName(m, "bos_token", tokens, id));
        tokens.ids().eos().ifPresent(id -> putName(m, "eos_token", tokens, id));
        tokens.ids().pad().ifPresent(id -> putName(m, "pad_token", tokens, id));
        m.put("clean_up_tokenization_spaces", false);
        m.put("model_max_length", maxLength);
        m.put("tokenizer_class", "PreTrainedTokenizerFast");
        return m;
    }

    private static void putName(Map<String, Object> m, String key, HfTokenIds tokens, int id) {
        String name = tokens.names().get(id);
        if (name != null) {
            m.put(key, name);
        }
    }
}
