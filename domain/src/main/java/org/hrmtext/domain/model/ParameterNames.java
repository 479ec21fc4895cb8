package org.hrmtext.domain.model;

import org.hrmtext.domain.schedule.StackId;

/** The Hugging Face ({@code transformers hrm_text}) tensor names, in one place. */
public final class ParameterNames {
    public static final String EMBEDDING = "model.embed_tokens.weight";
    public static final String LM_HEAD = "lm_head.weight";
    public static final String Z_L_INIT = "model.z_L_init";
    /** Attention projections in the order the fused {@code gqkv_proj} stacks them. */
    public static final String[] ATTENTION_PARTS = {"gate_proj", "q_proj", "k_proj", "v_proj"};

    private ParameterNames() {
    }

    public static String layer(StackId stack, int layer) {
        return stack.prefix() + ".layers." + layer;
    }

    public static String attention(StackId stack, int layer, String proj) {
        return layer(stack, layer) + ".self_attn." + proj + ".weight";
    }

    public static String mlp(StackId stack, int layer, String proj) {
        return layer(stack, layer) + ".mlp." + proj + ".weight";
    }
}
