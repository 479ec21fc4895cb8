package org.hrmtext.domain.model;

import java.util.Optional;
import org.hrmtext.domain.schedule.StackId;

/**
 * The Hugging Face ({@code transformers hrm_text}) tensor names, in one place, and the names the
 * release writes: fused projections ({@code gqkv_proj} = [gate, q, k, v] rows,
 * {@code gate_up_proj} = [gate, up]) under {@code attn.} instead of {@code self_attn.}.
 */
public final class ParameterNames {
    public static final String EMBEDDING = "model.embed_tokens.weight";
    public static final String LM_HEAD = "lm_head.weight";
    public static final String Z_L_INIT = "model.z_L_init";
    /** Attention projections in the order the fused {@code gqkv_proj} stacks them. */
    public static final String[] ATTENTION_PARTS = {"gate_proj", "q_proj", "k_proj", "v_proj"};
    /** MLP projections in the order the fused {@code gate_up_proj} stacks them. */
    public static final String[] MLP_PARTS = {"gate_proj", "up_proj"};
    public static final String FUSED_ATTENTION = "gqkv_proj";
    public static final String FUSED_MLP = "gate_up_proj";
    private static final String SELF_ATTN = ".self_attn.";
    private static final String RELEASE_ATTN = ".attn.";

    private ParameterNames() {
    }

    /** A fused tensor's name without its projection ({@code ….self_attn.}) and the parts it stacks. */
    public record Fused(String base, String[] parts) {
        public String part(int i) {
            return base + parts[i] + ".weight";
        }
    }

    public static String layer(StackId stack, int layer) {
        return stack.prefix() + ".layers." + layer;
    }

    public static String attention(StackId stack, int layer, String proj) {
        return layer(stack, layer) + SELF_ATTN + proj + ".weight";
    }

    public static String mlp(StackId stack, int layer, String proj) {
        return layer(stack, layer) + ".mlp." + proj + ".weight";
    }

    /** The name a stored tensor is known by here: the release's {@code attn.} layer names read as {@code self_attn.}. */
    public static String canonical(String stored) {
        int at = stored.indexOf(RELEASE_ATTN);
        return at >= 0 && stored.contains(".layers.") ? stored.substring(0, at) + SELF_ATTN
                + stored.substring(at + RELEASE_ATTN.length()) : stored;
    }

    /** The release's name of a tensor ({@code self_attn.} → {@code attn.}). */
    public static String releaseName(String name) {
        int at = name.indexOf(SELF_ATTN);
        return at >= 0 ? name.substring(0, at) + RELEASE_ATTN + name.substring(at + SELF_ATTN.length()) : name;
    }

    /** Whether a canonical name is a fused projection, and of which parts. */
    public static Optional<Fused> fused(String canonical) {
        String attention = SELF_ATTN + FUSED_ATTENTION + ".weight";
        String mlp = ".mlp." + FUSED_MLP + ".weight";
        if (canonical.endsWith(attention)) {
            return Optional.of(new Fused(canonical.substring(0, canonical.length() - attention.length()) + SELF_ATTN,
                    ATTENTION_PARTS));
        }
        if (canonical.endsWith(mlp)) {
            return Optional.of(new Fused(canonical.substring(0, canonical.length() - mlp.length()) + ".mlp.", MLP_PARTS));
        }
        return Optional.empty();
    }
}
