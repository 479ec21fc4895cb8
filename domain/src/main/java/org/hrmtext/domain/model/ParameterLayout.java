package org.hrmtext.domain.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.StackId;

/**
 * Every tensor of a model, in a fixed order, under its Hugging Face name and shape, with the
 * reference initialisation: truncated LeCun normal (std 1/sqrt(fan_in)) for projections,
 * 1/sqrt(hidden) for the embedding and the untied head, 1 for the frozen {@code z_L_init}.
 */
public final class ParameterLayout {
    private final ModelConfig config;
    private final Map<String, ParameterSpec> specs = new LinkedHashMap<>();

    private ParameterLayout(ModelConfig config) {
        this.config = config;
        int d = config.hiddenSize();
        int v = config.vocabSize();
        int in = config.intermediateSize();
        double inStd = 1.0 / Math.sqrt(d);
        add(ParameterNames.EMBEDDING, new int[] {v, d}, config.initializerRange(), true);
        for (StackId stack : stacks()) {
            for (int l = 0; l < config.numHiddenLayers(); l++) {
                for (String p : ParameterNames.ATTENTION_PARTS) {
                    add(ParameterNames.attention(stack, l, p), new int[] {d, d}, inStd, true);
                }
                add(ParameterNames.attention(stack, l, "o_proj"), new int[] {d, d}, inStd, true);
                add(ParameterNames.mlp(stack, l, "gate_proj"), new int[] {in, d}, inStd, true);
                add(ParameterNames.mlp(stack, l, "up_proj"), new int[] {in, d}, inStd, true);
                add(ParameterNames.mlp(stack, l, "down_proj"), new int[] {d, in}, 1.0 / Math.sqrt(in), true);
            }
        }
        if (config.architecture().usesZlInit()) {
            add(ParameterNames.Z_L_INIT, new int[] {d}, 1.0, false);
        }
        add(ParameterNames.LM_HEAD, new int[] {v, d}, inStd, true);
    }

    public static ParameterLayout of(ModelConfig config) {
        return new ParameterLayout(config);
    }

    private void add(String name, int[] shape, double std, boolean trainable) {
        specs.put(name, new ParameterSpec(name, shape, std, trainable));
    }

    /** The stacks this architecture has, H before L. */
    public List<StackId> stacks() {
        List<StackId> out = new ArrayList<>();
        if (config.architecture().hasHighStack()) {
            out.add(StackId.HIGH);
        }
        if (config.architecture().hasLowStack()) {
            out.add(StackId.LOW);
        }
        return out;
    }

    public ModelConfig config() {
        return config;
    }

    public List<ParameterSpec> all() {
        return List.copyOf(specs.values());
    }

    public List<ParameterSpec> trainable() {
        return specs.values().stream().filter(ParameterSpec::trainable).toList();
    }

    public ParameterSpec get(String name) {
        return specs.get(name);
    }

    public boolean contains(String name) {
        return specs.containsKey(name);
    }

    /** Total number of trained values. */
    public long trainableCount() {
        return trainable().stream().mapToLong(ParameterSpec::numel).sum();
    }

    /** Whether a tensor belongs to a stack (by name prefix). */
    public static boolean inStack(String name, StackId stack) {
        return name.startsWith(stack.prefix() + ".");
    }
}
