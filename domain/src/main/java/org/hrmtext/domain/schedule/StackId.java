package org.hrmtext.domain.schedule;

/** The weight stacks of a model, by the prefix of their tensor names. */
public enum StackId {
    /** The slow, strategic stack: {@code model.H_module}. */
    HIGH("model.H_module"),
    /** The fast, execution stack: {@code model.L_module}. */
    LOW("model.L_module");

    private final String prefix;

    StackId(String prefix) {
        this.prefix = prefix;
    }

    /** Tensor-name prefix, e.g. {@code model.H_module}. */
    public String prefix() {
        return prefix;
    }
}
