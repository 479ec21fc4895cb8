package org.hrmtext.domain.config;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.hrmtext.domain.InvalidInputException;

/**
 * The five recurrences this project trains: HRM-Text itself and the baselines of the paper,
 * each built from the same Transformer blocks. The name is the {@code architecture} key of
 * config.json.
 */
public enum Architecture {
    /** Slow H stack and fast L stack in nested cycles (HRM-Text). */
    HRM("hrm", true, true),
    /** One looped stack: {@code z = L(z + x)} for {@code cycles} calls. */
    UNIVERSAL_TRANSFORMER("universal_transformer", false, true),
    /** The L half looped {@code L_cycles} times, then the H half once. */
    RINS("rins", true, true),
    /** The HRM recurrence with H and L sharing one stack's weights. */
    TRM("trm", false, true),
    /** One stack of all layers, one pass. */
    TRANSFORMER("transformer", true, false);

    private final String configName;
    private final boolean hasHighStack;
    private final boolean hasLowStack;

    Architecture(String configName, boolean hasHighStack, boolean hasLowStack) {
        this.configName = configName;
        this.hasHighStack = hasHighStack;
        this.hasLowStack = hasLowStack;
    }

    public String configName() {
        return configName;
    }

    /** Whether the model has weights named {@code model.H_module.*}. */
    public boolean hasHighStack() {
        return hasHighStack;
    }

    /** Whether the model has weights named {@code model.L_module.*}. */
    public boolean hasLowStack() {
        return hasLowStack;
    }

    /** Whether the model starts z_L from the frozen {@code model.z_L_init} vector. */
    public boolean usesZlInit() {
        return this != TRANSFORMER;
    }

    /** Looks up a config name, listing the known ones when it is not one of them. */
    public static Architecture fromConfigName(String name) {
        for (Architecture a : values()) {
            if (a.configName.equals(name)) {
                return a;
            }
        }
        throw new InvalidInputException("unknown architecture \"" + name + "\"; expected one of "
                + Arrays.stream(values()).map(Architecture::configName).collect(Collectors.joining(", ")));
    }
}
