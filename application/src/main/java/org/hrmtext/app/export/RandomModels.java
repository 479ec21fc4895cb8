package org.hrmtext.app.export;

import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;

/**
 * Models with random weights for benchmarks: a named preset ({@code tiny}, {@code small}, B, L,
 * XL, XXL; {@code xl-random} is the released XL shape) initialized from a seed.
 */
public final class RandomModels {
    private RandomModels() {
    }

    /** The config of a preset name. */
    public static ModelConfig config(String preset) {
        return ModelPresets.named(preset.equalsIgnoreCase("xl-random") ? "XL" : preset);
    }

    /** Random weights of a preset, the same for the same seed. */
    public static ModelWeights weights(String preset, long seed) {
        return WeightInitializer.initialize(ParameterLayout.of(config(preset)), seed);
    }
}
