package org.hrmtext.formats.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.JsonFields;
import org.hrmtext.formats.json.JsonWriter;

/**
 * The {@code config.json} keys whose form differs between the release, transformers' re-saves and
 * this project, read into one meaning each:
 *
 * <ul>
 * <li>layers per stack: {@code num_layers_per_stack} when present (transformers ≥ 5.9, whose
 * {@code num_hidden_layers} then counts every layer application, e.g. 128 = 16 × 8 calls), else
 * {@code num_hidden_layers};</li>
 * <li>RoPE θ: {@code rope_parameters.rope_theta} (with {@code rope_type} {@code default}; any other
 * type, or a non-default {@code rope_scaling}, is refused), else {@code rope_theta}, else 10000;</li>
 * <li>{@code dtype} or {@code torch_dtype}: float32, bfloat16 or float16 (the weights' own dtype
 * comes from the safetensors file; this only refuses a dtype that cannot be read);</li>
 * <li>credit-assignment keys ({@code L_bp_cycles}, {@code bp_cycles}, {@code H_bp_steps},
 * {@code L_bp_steps}, {@code bp_min_steps}, {@code bp_max_steps}) as an integer or as a list with
 * one count per H cycle (the release writes {@code "L_bp_cycles": [0, 3]}), read as the sum.</li>
 * </ul>
 */
final class HfConfigKeys {
    static final Set<String> DTYPES = Set.of("float32", "bfloat16", "float16");
    private static final String ROPE = "rope_parameters";

    private HfConfigKeys() {
    }

    static int layersPerStack(JsonFields f) {
        int perStack = f.optInt("num_layers_per_stack", 0);
        if (!f.has("num_layers_per_stack")) {
            return f.requireInt("num_hidden_layers");
        }
        int total = f.optInt("num_hidden_layers", perStack);
        if (perStack < 1 || total < perStack || total % perStack != 0) {
            throw new InvalidInputException("key num_layers_per_stack: expected a positive divisor of num_hidden_layers "
                    + total + ", got " + perStack);
        }
        return perStack;
    }

    static double ropeTheta(String source, Map<String, Object> map, JsonFields f) {
        Object scaling = map.get("rope_scaling");
        if (scaling instanceof Map<?, ?> s) {
            refuseRopeType("rope_scaling", s.get("rope_type") != null ? s.get("rope_type") : s.get("type"));
        } else if (scaling != null) {
            throw new InvalidInputException("key rope_scaling: expected null or an object, got " + JsonWriter.compact(scaling));
        }
        Object params = map.get(ROPE);
        if (params == null) {
            return f.optDouble("rope_theta", 10000.0);
        }
        if (!(params instanceof Map<?, ?> p)) {
            throw new InvalidInputException("key " + ROPE + ": expected an object {rope_type, rope_theta}, got "
                    + JsonWriter.compact(params));
        }
        refuseRopeType(ROPE, p.get("rope_type"));
        @SuppressWarnings("unchecked")
        JsonFields rope = new JsonFields(source + ": key " + ROPE, (Map<String, Object>) p);
        double theta = rope.optDouble("rope_theta", f.optDouble("rope_theta", 10000.0));
        if (f.has("rope_theta") && f.optDouble("rope_theta", theta) != theta) {
            throw new InvalidInputException("key " + ROPE + ".rope_theta: " + theta + " disagrees with rope_theta "
                    + f.optDouble("rope_theta", theta));
        }
        return theta;
    }

    private static void refuseRopeType(String key, Object type) {
        if (type != null && !"default".equals(type)) {
            throw new InvalidInputException("key " + key + ".rope_type: " + JsonWriter.compact(type)
                    + " is not supported (HRM-Text uses plain RoPE: expected \"default\")");
        }
    }

    static void checkDtype(JsonFields f) {
        for (String key : new String[] {"dtype", "torch_dtype"}) {
            if (f.has(key)) {
                String d = f.optString(key, null);
                if (!DTYPES.contains(d)) {
                    throw new InvalidInputException("key " + key + ": unsupported dtype \"" + d
                            + "\"; expected float32, bfloat16 or float16");
                }
            }
        }
    }

    /** A credit-assignment count: an integer, or a list of {@code hCycles} counts (one per H cycle) summed. */
    static int bpCount(Map<String, Object> map, JsonFields f, String key, int fallback, int hCycles) {
        Object v = map.get(key);
        if (!(v instanceof List<?> list)) {
            return f.optInt(key, fallback);
        }
        if (list.size() != hCycles) {
            throw new InvalidInputException("key " + key + ": expected an integer or a list of H_cycles = " + hCycles
                    + " integers (one per H cycle), got " + JsonWriter.compact(v) + " (" + list.size() + " entries)");
        }
        int sum = 0;
        for (int n : f.requireIntArray(key)) {
            if (n < 0) {
                throw new InvalidInputException("key " + key + ": expected non-negative counts, got " + JsonWriter.compact(v));
            }
            sum += n;
        }
        return sum;
    }
}
