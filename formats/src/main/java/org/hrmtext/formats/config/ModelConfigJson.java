package org.hrmtext.formats.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.RecurrenceConfig;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonFields;
import org.hrmtext.formats.json.JsonWriter;

/**
 * Reads and writes the Hugging Face style {@code config.json} of a model directory: the
 * transformers {@code hrm_text} keys plus {@code architecture} and its recurrence keys. The
 * release's own {@code config.json} and transformers' re-saves of it are read unchanged (see
 * {@link HfConfigKeys} for the keys whose form varies). Unknown keys ({@code auto_map},
 * {@code architectures}, …) are ignored; known keys must have their type ({@code hidden_act} must be
 * {@code silu} and {@code prefix_lm} true, the only forms HRM-Text computes).
 *
 * <p><b>Defaults of missing keys</b> (transformers {@code hrm_text} and the reference; this is the
 * one place they are set): {@code architecture} hrm; {@code intermediate_size}
 * round(8·hidden/3) rounded up to a multiple of 256; {@code num_key_value_heads} =
 * {@code num_attention_heads}; {@code head_dim} = hidden / heads; {@code max_position_embeddings}
 * 4096; {@code rms_norm_eps} 1e-6; {@code rope_theta} 10000 ({@code rope_type} default);
 * {@code embedding_scale} √hidden; {@code initializer_range} 1/√hidden;
 * {@code tie_word_embeddings} false; {@code dtype} float32; {@code H_cycles} 2,
 * {@code L_cycles} 3 (RINS 7), {@code bp_min_steps} 2, {@code bp_max_steps} 5,
 * {@code bp_warmup_ratio} 0.2, {@code H_bp_steps} 2, {@code L_bp_steps} 3, {@code cycles} 4,
 * {@code bp_cycles} 2, {@code L_bp_cycles} 4; {@code pad/bos/eos_token_id} none. Required:
 * {@code vocab_size}, {@code hidden_size}, {@code num_attention_heads} and
 * {@code num_hidden_layers} (or {@code num_layers_per_stack}).
 */
public final class ModelConfigJson {
    private ModelConfigJson() {
    }

    public static ModelConfig read(Path file) {
        return fromMap(file.toString(), parse(file));
    }

    /** The {@code pad/bos/eos_token_id} of a config file (each may be absent). */
    public static SpecialTokenIds readTokenIds(Path file) {
        Map<String, Object> map = parse(file);
        int vocab = fromMap(file.toString(), map).vocabSize();
        try {
            return SpecialTokenIds.fromMap(file.toString(), map, vocab);
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : InvalidInputException.at(file.toString(), e);
        }
    }

    private static Map<String, Object> parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return Json.parseObject(text);
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(file.toString(), e);
        }
    }

    /** Builds a config from parsed JSON; {@code source} names the file in error messages. */
    public static ModelConfig fromMap(String source, Map<String, Object> map) {
        try {
            return build(source, map);
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith(source) ? e : InvalidInputException.at(source, e);
        }
    }

    private static ModelConfig build(String source, Map<String, Object> map) {
        JsonFields f = new JsonFields(source, map);
        HfConfigKeys.checkDtype(f);
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
        if (map.containsKey("hidden_act") && !"silu".equals(map.get("hidden_act"))) {
            throw new InvalidInputException(source + ": key hidden_act: HRM-Text's MLP is SwiGLU; expected \"silu\", got "
                    + JsonWriter.compact(map.get("hidden_act")));
        }
        if (map.containsKey("prefix_lm") && !Boolean.TRUE.equals(map.get("prefix_lm"))) {
            throw new InvalidInputException(source + ": key prefix_lm: HRM-Text attends bidirectionally over the prompt; "
                    + "expected true, got " + JsonWriter.compact(map.get("prefix_lm")));
        }
        if (f.optBoolean("tie_word_embeddings", false)) {
            throw new InvalidInputException(source + ": key tie_word_embeddings: HRM-Text unties lm_head; expected false");
        }
        RecurrenceConfig d = RecurrenceConfig.defaultsFor(arch);
        int h = f.optInt("H_cycles", d.hCycles());
        RecurrenceConfig rec = new RecurrenceConfig(h, f.optInt("L_cycles", d.lCycles()),
                HfConfigKeys.bpCount(map, f, "bp_min_steps", d.bpMinSteps(), h),
                HfConfigKeys.bpCount(map, f, "bp_max_steps", d.bpMaxSteps(), h),
                f.optDouble("bp_warmup_ratio", d.bpWarmupRatio()),
                HfConfigKeys.bpCount(map, f, "H_bp_steps", d.hBpSteps(), h),
                HfConfigKeys.bpCount(map, f, "L_bp_steps", d.lBpSteps(), h),
                f.optInt("cycles", d.cycles()), HfConfigKeys.bpCount(map, f, "bp_cycles", d.bpCycles(), h),
                HfConfigKeys.bpCount(map, f, "L_bp_cycles", d.lBpCycles(), h));
        return new ModelConfig(arch, f.requireInt("vocab_size"), hidden,
                f.optInt("intermediate_size", ModelConfig.defaultIntermediate(hidden)),
                HfConfigKeys.layersPerStack(f), heads,
                f.optInt("max_position_embeddings", 4096),
                f.optDouble("rms_norm_eps", 1e-6), HfConfigKeys.ropeTheta(source, map, f),
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
