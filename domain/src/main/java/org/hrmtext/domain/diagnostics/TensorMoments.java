package org.hrmtext.domain.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gradient magnitudes of one tensor, as the study compares them tensor by tensor: the mean
 * {@code |g|} over all its elements ({@code L1 / n}, zeros included, so two schedules that train the
 * same elements are compared on the same denominator), and over its non-zero elements the mean and
 * the population standard deviation of {@code ln(|g| + ε)} with {@link MagnitudeStatistics#LOG_EPSILON},
 * and the median and 99th percentile of {@code |g|} ({@link Percentiles}, nearest rank).
 * Pooling several tensors after centring each one on its own {@code logMean} gives the standard
 * deviation {@link #pooledCentredLogStd}.
 *
 * @param count elements of the tensor
 * @param zeros elements whose gradient is exactly zero (left out of the log statistics)
 * @param meanAbs {@code Σ|g| / count}
 * @param logMean mean of {@code ln(|g| + ε)} over the non-zero elements (0 when there are none)
 * @param logStd population standard deviation of {@code ln(|g| + ε)} over the non-zero elements
 * @param median median {@code |g|} over the non-zero elements (0 when there are none)
 * @param p99 99th percentile of {@code |g|} over the non-zero elements (0 when there are none)
 */
public record TensorMoments(long count, long zeros, double meanAbs, double logMean, double logStd, double median,
        double p99) {

    /** The reference definition, on the host. */
    public static TensorMoments of(float[] gradient) {
        double sum = 0;
        double logSum = 0;
        long nonZero = 0;
        for (float v : gradient) {
            double a = Math.abs((double) v);
            sum += a;
            if (a > 0) {
                logSum += Math.log(a + MagnitudeStatistics.LOG_EPSILON);
                nonZero++;
            }
        }
        double logMean = nonZero == 0 ? 0 : logSum / nonZero;
        double var = 0;
        double[] sorted = new double[(int) nonZero];
        int i = 0;
        for (float v : gradient) {
            double a = Math.abs((double) v);
            if (a > 0) {
                double d = Math.log(a + MagnitudeStatistics.LOG_EPSILON) - logMean;
                var += d * d;
                sorted[i++] = a;
            }
        }
        java.util.Arrays.sort(sorted);
        return new TensorMoments(gradient.length, gradient.length - nonZero, gradient.length == 0 ? 0 : sum / gradient.length,
                logMean, nonZero == 0 ? 0 : Math.sqrt(var / nonZero),
                nonZero == 0 ? 0 : Percentiles.of(sorted, Percentiles.MEDIAN), nonZero == 0 ? 0 : Percentiles.of(sorted, Percentiles.P99));
    }

    /** Non-zero elements. */
    public long nonZero() {
        return count - zeros;
    }

    /**
     * The standard deviation of {@code ln(|g| + ε)} over the non-zero elements of several tensors
     * pooled after subtracting each tensor's own {@code logMean}: {@code √(Σ n_t·logStd_t² / Σ n_t)}
     * (what is left is the spread within tensors, not the spread between tensor populations).
     */
    public static double pooledCentredLogStd(Iterable<TensorMoments> tensors) {
        double sq = 0;
        long n = 0;
        for (TensorMoments t : tensors) {
            sq += t.nonZero() * t.logStd * t.logStd;
            n += t.nonZero();
        }
        return n == 0 ? Double.NaN : Math.sqrt(sq / n);
    }

    /** {@code {"n": …, "zeros": …, "mean_abs": …, "log_mean": …, "log_std": …, "median_abs": …, "p99_abs": …}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", count);
        m.put("zeros", zeros);
        m.put("mean_abs", meanAbs);
        m.put("log_mean", logMean);
        m.put("log_std", logStd);
        m.put("median_abs", median);
        m.put("p99_abs", p99);
        return m;
    }
}
