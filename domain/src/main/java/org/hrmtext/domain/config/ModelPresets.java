package org.hrmtext.domain.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;

/**
 * Named model sizes: the paper's B, L, XL (the released 1B) and XXL, with heads of 128 and
 * vocabulary 65,536, and two CPU presets, {@code tiny} and {@code small}, for this machine.
 */
public final class ModelPresets {
    private static final Map<String, int[]> SIZES = new LinkedHashMap<>();

    static {
        // name -> vocab, hidden, heads, layers per stack, context
        SIZES.put("tiny", new int[] {512, 64, 4, 2, 2048});
        SIZES.put("small", new int[] {4096, 256, 4, 2, 2048});
        SIZES.put("B", new int[] {65536, 1024, 8, 6, 4096});
        SIZES.put("L", new int[] {65536, 1280, 10, 12, 4096});
        SIZES.put("XL", new int[] {65536, 1536, 12, 16, 4096});
        SIZES.put("XXL", new int[] {65536, 1792, 14, 36, 4096});
    }

    private ModelPresets() {
    }

    /** The preset with HRM's default recurrence (H_cycles 2, L_cycles 3). */
    public static ModelConfig named(String name) {
        int[] s = SIZES.get(name);
        if (s == null) {
            s = SIZES.get(name.toUpperCase(java.util.Locale.ROOT));
        }
        if (s == null) {
            throw new InvalidInputException("unknown model preset \"" + name + "\"; expected one of " + SIZES.keySet());
        }
        ModelConfig base = ModelConfig.of(Architecture.HRM, s[0], s[1], s[2], s[3]);
        return new ModelConfig(base.architecture(), s[0], s[1], base.intermediateSize(), s[3], s[2], s[4],
                base.rmsNormEps(), base.ropeTheta(), base.embeddingScale(), base.initializerRange(), base.recurrence());
    }

    public static java.util.Set<String> names() {
        return SIZES.keySet();
    }
}
