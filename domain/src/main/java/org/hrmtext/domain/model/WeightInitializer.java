package org.hrmtext.domain.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fresh weights for a layout, identical on every backend for the same seed: each tensor drawn
 * from a normal truncated at ±2 standard deviations, rescaled so that its standard deviation is
 * the spec's (as the reference {@code trunc_normal_init_} does).
 */
public final class WeightInitializer {
    /** Standard deviation of a unit normal truncated to [−2, 2]. */
    static final double TRUNCATED_STD;

    static {
        double phi = Math.exp(-2.0) / Math.sqrt(2 * Math.PI); // density at 2
        double mass = 0.9544997361036416; // P(|z| <= 2)
        TRUNCATED_STD = Math.sqrt(1 - 2 * 2 * phi / mass);
    }

    private WeightInitializer() {
    }

    public static ModelWeights initialize(ParameterLayout layout, long seed) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        SplittableRandom root = new SplittableRandom(seed);
        for (ParameterSpec spec : layout.all()) {
            SplittableRandom rng = root.split();
            float[] data = new float[(int) spec.numel()];
            double scale = spec.initStd() / TRUNCATED_STD;
            for (int i = 0; i < data.length; i++) {
                double z;
                do {
                    z = rng.nextGaussian();
                } while (Math.abs(z) > 2.0);
                data[i] = (float) (z * scale);
            }
            out.put(spec.name(), new HostTensor(spec.name(), spec.shape(), data));
        }
        return ModelWeights.of(layout, out, "initializer");
    }
}
