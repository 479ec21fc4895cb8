package org.hrmtext.lab.study.v2;

/**
 * Per-tensor comparisons of gradient magnitudes across cells, on natural logs
 * {@code ln(x + ε)} with {@link #LOG_EPSILON} = 1e-30 (so a zero never gives −∞; no compared
 * tensor is zero, {@link TensorSet#moments}); pooling centred per tensor is
 * {@link org.hrmtext.domain.diagnostics.TensorMoments#pooledCentredLogStd}.
 */
public final class TensorStatistics {
    /** ε in {@code ln(x + ε)}. */
    public static final double LOG_EPSILON = 1e-30;

    private TensorStatistics() {
    }

    public static double log(double x) {
        return Math.log(x + LOG_EPSILON);
    }

    /**
     * Median over tensors of the per-tensor log ratio {@code ln(a_t + ε) − ln(b_t + ε)}: how much
     * larger cell {@code a} is than cell {@code b}, tensor by tensor, without one population of
     * tensors dominating.
     */
    public static double medianLogRatio(double[] a, double[] b) {
        return Quantiles.median(logRatios(a, b));
    }

    public static double[] logRatios(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("per-tensor values of different sets: " + a.length + " vs " + b.length);
        }
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = log(a[i]) - log(b[i]);
        }
        return r;
    }

    /** Each checkpoint's value divided by that checkpoint's median over the grid's cells. */
    public static double[] normalisedByGridMedian(double[] cellValues) {
        double m = Quantiles.median(cellValues);
        double[] out = new double[cellValues.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = cellValues[i] / m;
        }
        return out;
    }
}
