package org.hrmtext.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.formats.safetensors.SafetensorsWriter;

/**
 * Writes a random HRM checkpoint in the exact layout of the released HRM-Text-1B download
 * (HRM-TEXT.md, "The released checkpoint"): one BF16 {@code model.safetensors} with the fused
 * tensors under the release's {@code attn.} names, a {@code config.json} with the release's keys
 * ({@code architectures}, {@code auto_map}, the list {@code L_bp_cycles}, {@code torch_dtype}
 * bfloat16, pad/bos/eos 5/6/11) and release-style tokenizer files ({@link ReleaseTokenizerWriter}).
 * Each fused tensor is drawn and written on its own, so the writer holds one tensor at a time;
 * values are uniform with each tensor's initialization standard deviation.
 */
public final class ReleaseCheckpointWriter {
    private ReleaseCheckpointWriter() {
    }

    /** Writes the checkpoint of an HRM {@code config} into {@code dir} (created). */
    public static void write(ModelConfig config, long seed, Path dir) throws IOException {
        if (config.architecture() != Architecture.HRM) {
            throw new IllegalArgumentException("the release layout is an hrm model, not " + config.architecture().configName());
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), JsonWriter.pretty(config(config)));
        ParameterLayout layout = ParameterLayout.of(config);
        Map<String, FusedLayout.FusedTensor> byName = new LinkedHashMap<>();
        List<SafetensorsWriter.Slot> slots = new ArrayList<>();
        for (FusedLayout.FusedTensor t : FusedLayout.of(layout).tensors()) {
            String name = ParameterNames.releaseName(t.name());
            byName.put(name, t);
            slots.add(new SafetensorsWriter.Slot(name, t.shape()));
        }
        SafetensorsWriter.write(dir.resolve("model.safetensors"), slots, name -> random(name, byName.get(name), seed),
                Map.of("format", "pt"), SafetensorsWriter.Dtype.BF16);
        ReleaseTokenizerWriter.write(dir, config.vocabSize(), config.maxPositionEmbeddings());
    }

    /** A fused tensor's values: each part uniform with its own standard deviation, seeded by the part's name. */
    private static HostTensor random(String name, FusedLayout.FusedTensor t, long seed) {
        float[] data = new float[(int) HostTensor.numel(t.shape())];
        int offset = 0;
        for (ParameterSpec part : t.parts()) {
            SplittableRandom rng = new SplittableRandom(seed * 31 + part.name().hashCode());
            double half = part.initStd() * Math.sqrt(3);
            for (int i = 0; i < part.numel(); i++) {
                data[offset + i] = (float) ((2 * rng.nextDouble() - 1) * half);
            }
            offset += (int) part.numel();
        }
        return new HostTensor(name, t.shape(), data);
    }

    /** The release's {@code config.json} for {@code c}. */
    static Map<String, Object> config(ModelConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architectures", List.of("HrmTextForCausalLM"));
        m.put("auto_map", Map.of("AutoConfig", "configuration_hrm_text.HrmTextConfig",
                "AutoModelForCausalLM", "modeling_hrm_text.HrmTextForCausalLM"));
        m.put("model_type", "hrm_text");
        m.put("vocab_size", c.vocabSize());
        m.put("hidden_size", c.hiddenSize());
        m.put("num_attention_heads", c.numAttentionHeads());
        m.put("num_hidden_layers", c.numHiddenLayers());
        if (c.intermediateSize() != ModelConfig.defaultIntermediate(c.hiddenSize())) {
            m.put("intermediate_size", c.intermediateSize());
        }
        m.put("H_cycles", c.recurrence().hCycles());
        m.put("L_cycles", c.recurrence().lCycles());
        m.put("L_bp_cycles", List.of(0, c.recurrence().lCycles()));
        m.put("max_position_embeddings", c.maxPositionEmbeddings());
        m.put("rope_theta", c.ropeTheta());
        m.put("embedding_scale", c.embeddingScale());
        m.put("initializer_range", c.initializerRange());
        m.put("prefix_lm", true);
        m.put("tie_word_embeddings", false);
        m.put("torch_dtype", "bfloat16");
        m.put("pad_token_id", ReleaseTokenizerWriter.PAD);
        m.put("bos_token_id", ReleaseTokenizerWriter.BOS);
        m.put("eos_token_id", ReleaseTokenizerWriter.EOS);
        m.put("transformers_version", "4.57.1");
        return m;
    }
}
