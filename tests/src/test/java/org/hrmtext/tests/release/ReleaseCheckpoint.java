package org.hrmtext.tests.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.hrmtext.lab.bench.ReleaseTokenizerWriter;

/**
 * Rewrites a model into the layout of the released HRM-Text-1B checkpoint (HRM-TEXT.md, "The
 * released checkpoint"): tensors fused ({@code gqkv_proj} = [gate, q, k, v], {@code gate_up_proj})
 * under the release's {@code attn.} names in F32 or BF16; a {@code config.json} as the release
 * writes it (no {@code architecture} key for HRM, {@code architectures}, {@code auto_map},
 * {@code "L_bp_cycles": [0, L_cycles]}, {@code torch_dtype}, default-valued keys left out) or as
 * transformers ≥ 5.9 re-saves it ({@code num_layers_per_stack} + the total {@code num_hidden_layers},
 * {@code rope_parameters}, {@code dtype}); with {@code withTokenizer}, the release's token ids and
 * a release-style {@code tokenizer.json} ({@link ReleaseTokenizerJson}), no {@code tokenizer_info.json}.
 */
final class ReleaseCheckpoint {
    private ReleaseCheckpoint() {
    }

    /** How to write it. */
    record Style(SafetensorsWriter.Dtype dtype, boolean resaved, boolean withTokenizer, int context) {
    }

    static Path write(ModelWeights weights, Path dir, Style style) throws IOException {
        Files.createDirectories(dir);
        ModelConfig c = weights.layout().config();
        Files.writeString(dir.resolve("config.json"), JsonWriter.pretty(config(c, style)));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors(weights), Map.of("format", "pt"), style.dtype());
        if (style.withTokenizer()) {
            ReleaseTokenizerJson.write(dir);
        }
        return dir;
    }

    /** The fused tensors under the release's names. */
    static List<HostTensor> tensors(ModelWeights weights) {
        List<HostTensor> out = new ArrayList<>();
        for (FusedLayout.FusedTensor t : FusedLayout.of(weights.layout()).tensors()) {
            out.add(FusedLayout.fuse(t, weights).renamed(ParameterNames.releaseName(t.name())));
        }
        return out;
    }

    static Map<String, Object> config(ModelConfig c, Style style) {
        Map<String, Object> ours = ModelConfigJson.toMap(c);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architectures", List.of("HrmTextForCausalLM"));
        m.put("auto_map", Map.of("AutoConfig", "configuration_hrm_text.HrmTextConfig",
                "AutoModelForCausalLM", "modeling_hrm_text.HrmTextForCausalLM"));
        m.put("model_type", "hrm_text");
        boolean hrm = c.architecture() == Architecture.HRM;
        for (String key : List.of("architecture", "vocab_size", "hidden_size", "num_attention_heads", "num_hidden_layers",
                "H_cycles", "L_cycles", "cycles", "bp_cycles", "L_bp_cycles", "H_bp_steps", "L_bp_steps",
                "embedding_scale", "initializer_range")) {
            if (ours.containsKey(key) && !(hrm && key.equals("architecture"))) {
                m.put(key, ours.get(key));
            }
        }
        if (c.intermediateSize() != ModelConfig.defaultIntermediate(c.hiddenSize())) {
            m.put("intermediate_size", c.intermediateSize());
        }
        if (hrm) {
            m.put("L_bp_cycles", List.of(0, c.recurrence().lCycles()));
        }
        m.put("max_position_embeddings", style.context() > 0 ? style.context() : c.maxPositionEmbeddings());
        m.put("prefix_lm", true);
        m.put("tie_word_embeddings", false);
        String dtype = style.dtype() == SafetensorsWriter.Dtype.BF16 ? "bfloat16" : "float32";
        if (style.resaved()) {
            int calls = hrm ? c.recurrence().hCycles() * (c.recurrence().lCycles() + 1) : 1;
            m.put("num_layers_per_stack", c.numHiddenLayers());
            m.put("num_hidden_layers", c.numHiddenLayers() * calls);
            m.put("rope_parameters", Map.of("rope_type", "default", "rope_theta", c.ropeTheta()));
            m.put("dtype", dtype);
        } else {
            m.put("rope_theta", c.ropeTheta());
            m.put("torch_dtype", dtype);
        }
        if (style.withTokenizer()) {
            m.put("pad_token_id", ReleaseTokenizerWriter.PAD);
            m.put("bos_token_id", ReleaseTokenizerWriter.BOS);
            m.put("eos_token_id", ReleaseTokenizerWriter.EOS);
        }
        m.put("transformers_version", "4.57.1");
        return m;
    }
}
