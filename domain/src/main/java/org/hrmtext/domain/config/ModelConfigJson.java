package org.hrmtext.domain.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.json.Json;
import org.hrmtext.domain.json.JsonFields;
import org.hrmtext.domain.json.JsonWriter;

/**
 * Reads and writes the Hugging Face style {@code config.json} of a model directory: the
 * transformers {@code hrm_text} keys plus {@code architecture} and its recurrence keys.
 * Unknown keys are ignored (released checkpoints carry more); known keys must have their type.
 */
public final class ModelConfigJson {
    private ModelConfigJson() {
    }

    public static ModelConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return fromMap(file.toString(), Json.parseObject(text));
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : InvalidInputException.at(file.toString(), e);
        }
    }

    /** Builds a config from parsed JSON; {@code source} names the file in error messages. */
    public static ModelConfig fromMap(String source, Map<String, Object> map) {
        JsonFields f = new JsonFields(source, map);
        Architecture arch = Architecture.fromConfigName(f.optString("architecture", "hrm"));
        int hidden = f.requireInt("hidden_size");
        int heads = f.requireInt("num_attention_heads");
        if (f.optInt("num_key_value_heads", heads) != heads) {
            throw new InvalidInputException(source + ": key num_key_value_heads: expected " + heads
                    + " (HRM-Text uses multi-head attention, no GQA)");
        }
        if (heads > 0 && hidden % heads != 0) {
            throw new InvalidInputException(source + ": key num_attention_heads: " + heads
                    + " does not divide hidden_size " + hidden);
        }
        if (f.has("head_dim") && heads > 0 && f.requireInt("head_dim") != hidden / heads) {
            throw new InvalidInputException(source + ": key head_dim: expected hidden_size/num_attention_heads = "
                    + hidden / heads + ", got " + f.requireInt("head_dim"));
        }
        if (f.optBoolean("tie_word_embeddings", false)) {
            throw new InvalidInputException(source + ": key tie_word_embeddings: HRM-Text unties lm_head; expected false");
        }
        RecurrenceConfig d = RecurrenceConfig.defaultsFor(arch);
        RecurrenceConfig rec = new RecurrenceConfig(
                f.optInt("H_cycles", d.hCycles()), f.optInt("L_cycles", d.lCycles()),
                f.optInt("bp_min_steps", d.bpMinSteps()), f.optInt("bp_max_steps", d.bpMaxSteps()),
                f.optDouble("bp_warmup_ratio", d.bpWarmupRatio()),
                f.optInt("H_bp_steps", d.hBpSteps()), f.optInt("L_bp_steps", d.lBpSteps()),
                f.optInt("cycles", d.cycles()), f.optInt("bp_cycles", d.bpCycles()),
                f.optInt("L_bp_cycles", d.lBpCycles()));
        return new ModelConfig(arch, f.requireInt("vocab_size"), hidden,
                f.optInt("intermediate_size", ModelConfig.defaultIntermediate(hidden)),
                f.requireInt("num_hidden_layers"), heads,
                f.optInt("max_position_embeddings", 4096),
                f.optDouble("rms_norm_eps", 1e-6), f.optDouble("rope_theta", 10000.0),
                f.optDouble("embedding_scale", Math.sqrt(hidden)),
                f.optDouble("initializer_range", 1.0 / Math.sqrt(hidden)), rec);
    }

    /** The config.json keys of a config, as the reference writes them. */
    public static Map<String, Object> toMap(ModelConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_type", "hrm_text");
        m.put("architecture", c.architecture().configName());
        m.put("vocab_size", c.vocabSize());
        m.put("hidden_size", c.hiddenSize());
        m.put("intermediate_size", c.intermediateSize());
        m.put("num_hidden_layers", c.numHiddenLayers());
        m.put("num_attention_heads", c.numAttentionHeads());
        m.put("num_key_value_heads", c.numAttentionHeads());
        m.put("head_dim", c.headDim());
        m.put("max_position_embeddings", c.maxPositionEmbeddings());
        m.put("rms_norm_eps", c.rmsNormEps());
        m.put("rope_theta", c.ropeTheta());
        m.put("tie_word_embeddings", false);
        m.put("initializer_range", c.initializerRange());
        m.put("embedding_scale", c.embeddingScale());
        m.put("prefix_lm", true);
        m.put("hidden_act", "silu");
        m.put("torch_dtype", "float32");
        RecurrenceConfig r = c.recurrence();
        switch (c.architecture()) {
            case HRM:
                m.put("architectures", List.of("HrmTextForCausalLM"));
                m.put("H_cycles", r.hCycles());
                m.put("L_cycles", r.lCycles());
                m.put("bp_min_steps", r.bpMinSteps());
                m.put("bp_max_steps", r.bpMaxSteps());
                m.put("bp_warmup_ratio", r.bpWarmupRatio());
                break;
            case TRM:
                m.put("H_cycles", r.hCycles());
                m.put("L_cycles", r.lCycles());
                m.put("H_bp_steps", r.hBpSteps());
                m.put("L_bp_steps", r.lBpSteps());
                break;
            case UNIVERSAL_TRANSFORMER:
                m.put("cycles", r.cycles());
                m.put("bp_cycles", r.bpCycles());
                break;
            case RINS:
                m.put("L_cycles", r.lCycles());
                m.put("L_bp_cycles", r.lBpCycles());
                break;
            default:
                break;
        }
        return m;
    }

    public static String write(ModelConfig c) {
        return JsonWriter.pretty(toMap(c));
    }
}
