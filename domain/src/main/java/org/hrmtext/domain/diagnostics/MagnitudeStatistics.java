package org.hrmtext.domain.diagnostics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distribution of gradient magnitudes {@code |g|} over a set of trained elements. Exact zeros
 * (e.g. embedding rows of tokens absent from the batch, which receive no gradient at all) are
 * counted in {@code zeroFraction} and left out of every other statistic, because {@code log|g|}
 * does not exist there; {@code count} is the number of non-zero elements summarised. Percentiles
 * follow {@link Percentiles} (nearest rank); {@code logStd} is the population standard deviation
 * of {@code ln(|g| + ε)} with {@link #LOG_EPSILON}, which only guards float underflow.
 *
 * <p>{@link #tailToMedian()} = p99 / median: large when a few elements carry far larger gradients
 * than the typical one (the heavy tail of the paper's multiplicative instability); for a lognormal
 * distribution it is {@code exp(2.326·logStd)}.
 */
public record MagnitudeStatistics(long count, double zeroFraction, double mean, double median, double p95,
        double p99, double max, double logStd, double norm) {
    /** ε in {@code ln(|g| + ε)}. */
    public static final double LOG_EPSILON = 1e-30;
    /** The standard normal quantile at 0.99, for {@link #lognormalTailToMedian()}. */
    public static final double Z99 = 2.326347874;

    /** The reference definition, on the host: statistics of {@code values} (signs ignored). */
    public static MagnitudeStatistics of(float[] values) {
        double[] nonZero = new double[values.length];
        int n = 0;
        for (float v : values) {
            if (v != 0f) {
                nonZero[n++] = Math.abs((double) v);
            }
        }
        double zeros = values.length == 0 ? 0 : (double) (values.length - n) / values.length;
        if (n == 0) {
            return new MagnitudeStatistics(0, zeros, 0, 0, 0, 0, 0, 0, 0);
        }
        double[] a = Arrays.copyOf(nonZero, n);
        Arrays.sort(a);
        double sum = 0;
        double squares = 0;
        double logSum = 0;
        for (double v : a) {
            sum += v;
            squares += v * v;
            logSum += Math.log(v + LOG_EPSILON);
        }
        double logMean = logSum / n;
        double logVar = 0;
        for (double v : a) {
            double d = Math.log(v + LOG_EPSILON) - logMean;
            logVar += d * d;
        }
        return new MagnitudeStatistics(n, zeros, sum / n, Percentiles.of(a, Percentiles.MEDIAN),
                Percentiles.of(a, Percentiles.P95), Percentiles.of(a, Percentiles.P99), a[n - 1],
                Math.sqrt(logVar / n), Math.sqrt(squares));
    }

    /** p99 / median of |g|. */
    public double tailToMedian() {
        return median > 0 ? p99 / median : Double.NaN;
    }

    /** The tail-to-median ratio a lognormal distribution with this {@code logStd} would have. */
    public double lognormalTailToMedian() {
        return Math.exp(Z99 * logStd);
    }

    /** JSON fields, e.g. {@code {"median_abs": …, "tail_to_median": …}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("zero_fraction", zeroFraction);
        m.put("mean_abs", mean);
        m.put("median_abs", median);
        m.put("p95_abs", p95);
        m.put("p99_abs", p99);
        m.put("max_abs", max);
        m.put("tail_to_median", tailToMedian());
        m.put("log_abs_std", logStd);
        m.put("norm", norm);
        return m;
    }
}
