package org.hrmtext.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.junit.jupiter.api.Test;

/** Fresh weights: the same for the same seed, and truncated normals with the spec's std. */
class WeightInitializerTest {
    private static final ParameterLayout LAYOUT = ParameterLayout.of(ModelConfig.of(Architecture.HRM, 512, 64, 4, 2));

    @Test
    void sameSeedGivesIdenticalWeightsAndAnotherSeedOthers() {
        ModelWeights a = WeightInitializer.initialize(LAYOUT, 42);
        ModelWeights b = WeightInitializer.initialize(LAYOUT, 42);
        ModelWeights c = WeightInitializer.initialize(LAYOUT, 43);
        for (ParameterSpec spec : LAYOUT.all()) {
            assertEquals(a.get(spec.name()), b.get(spec.name()), spec.name());
            assertNotEquals(a.get(spec.name()), c.get(spec.name()), spec.name());
        }
    }

    @Test
    void everyLargeTensorHasItsSpecStdZeroMeanAndBoundedValues() {
        ModelWeights w = WeightInitializer.initialize(LAYOUT, 7);
        for (ParameterSpec spec : LAYOUT.all()) {
            float[] d = w.get(spec.name()).data();
            double sum = 0;
            double sq = 0;
            double max = 0;
            for (float v : d) {
                sum += v;
                sq += (double) v * v;
                max = Math.max(max, Math.abs(v));
            }
            double mean = sum / d.length;
            double std = Math.sqrt(sq / d.length - mean * mean);
            double bound = 2 * spec.initStd() / WeightInitializer.TRUNCATED_STD;
            assertTrue(max <= bound * (1 + 1e-6), spec.name() + ": |x| up to " + max + " beyond " + bound);
            double tolerance = d.length >= 4096 ? 0.03 : 0.25;
            assertEquals(spec.initStd(), std, tolerance * spec.initStd(), spec.name() + " std");
            assertEquals(0, mean, 5 * spec.initStd() / Math.sqrt(d.length), spec.name() + " mean");
        }
    }

    @Test
    void specStdsFollowTheReference() {
        assertEquals(1.0 / 8, LAYOUT.get(ParameterNames.EMBEDDING).initStd(), 1e-15);
        assertEquals(1.0 / 8, LAYOUT.get(ParameterNames.LM_HEAD).initStd(), 1e-15);
        assertEquals(1.0 / 16, LAYOUT.get("model.L_module.layers.1.mlp.down_proj.weight").initStd(), 1e-15);
        assertEquals(1.0, LAYOUT.get(ParameterNames.Z_L_INIT).initStd(), 0);
        assertEquals(false, LAYOUT.get(ParameterNames.Z_L_INIT).trainable());
    }

    @Test
    void truncatedUnitNormalStdIsTheKnownConstant() {
        assertEquals(0.8796256610342398, WeightInitializer.TRUNCATED_STD, 1e-12);
    }
}
