package org.hrmtext.domain.diagnostics;

import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.StackId;

/**
 * The tensor groups whose gradients are summarised separately: the token embedding, the H stack,
 * the L stack and the untied head. Names are those of the metrics ({@code embedding}, {@code H},
 * {@code L}, {@code head}).
 */
public enum GradientGroup {
    EMBEDDING("embedding"),
    HIGH_STACK("H"),
    LOW_STACK("L"),
    HEAD("head");

    private final String key;

    GradientGroup(String key) {
        this.key = key;
    }

    /** The name used in metrics and reports. */
    public String key() {
        return key;
    }

    /** The group of a tensor, by its (split or fused) Hugging Face name. */
    public static GradientGroup of(String tensorName) {
        if (tensorName.equals(ParameterNames.EMBEDDING)) {
            return EMBEDDING;
        }
        if (tensorName.equals(ParameterNames.LM_HEAD)) {
            return HEAD;
        }
        if (tensorName.startsWith(StackId.HIGH.prefix() + ".")) {
            return HIGH_STACK;
        }
        if (tensorName.startsWith(StackId.LOW.prefix() + ".")) {
            return LOW_STACK;
        }
        throw new IllegalArgumentException("tensor " + tensorName + " belongs to no trained group");
    }
}
