package org.hrmtext.lab.study.v2;

import java.util.SplittableRandom;

/**
 * A percentile-bootstrap confidence interval for a quantile: resample the values with replacement
 * {@code resamples} times (seeded), take the {@link Quantiles type-7} quantile of each resample,
 * and report the {@code (1 − level)/2} and {@code (1 + level)/2} quantiles of those.
 *
 * @param estimate the quantile of the values themselves
 */
public record BootstrapCi(double estimate, double low, double high, double level, int resamples) {
    public static final int RESAMPLES = 2000;

    public static BootstrapCi ofQuantile(double[] values, double q, double level, int resamples, long seed) {
        if (values.length == 0) {
            return new BootstrapCi(Double.NaN, Double.NaN, Double.NaN, level, resamples);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        double[] sample = new double[values.length];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values[rng.nextInt(values.length)];
            }
            stats[b] = Quantiles.of(sample, q);
        }
        return new BootstrapCi(Quantiles.of(values, q), Quantiles.of(stats, (1 - level) / 2),
                Quantiles.of(stats, (1 + level) / 2), level, resamples);
    }

    /** The 95 % interval of the 0.95 quantile with {@link #RESAMPLES} resamples. */
    public static BootstrapCi ofP95(double[] values, long seed) {
        return ofQuantile(values, 0.95, 0.95, RESAMPLES, seed);
    }
}
