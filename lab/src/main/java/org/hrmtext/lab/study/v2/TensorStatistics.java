package org.hrmtext.lab.study.v2;

/**
 * Per-tensor statistics of gradient magnitudes across cells, on natural logs
 * {@code ln(rms + ε)} with {@link #LOG_EPSILON} = 1e-30 (so a zero never gives −∞; no compared
 * tensor is zero, {@link TensorSet#requireNonZero}).
 */
public final class TensorStatistics {
    /** ε in {@code ln(x + ε)}. */
    public static final double LOG_EPSILON = 1e-30;

    private TensorStatistics() {
    }

    public static double log(double x) {
        return Math.log(x + LOG_EPSILON);
    }

    /** Median over tensors of {@code ln(rms_t + ε)}. */
    public static double medianLog(double[] perTensor) {
        double[] l = new double[perTensor.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = log(perTensor[i]);
        }
        return Quantiles.median(l);
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

    /**
     * Values pooled over tensors after centring each tensor: {@code values[c][t]} (cell c, tensor t)
     * becomes {@code ln(values[c][t] + ε) − mean_c ln(values[c][t] + ε)}, so what is left is the
     * cells' effect, not the spread between tensor populations. Returned as {@code [c][t]}.
     */
    public static double[][] centredLogs(double[][] values) {
        int cells = values.length;
        int tensors = values[0].length;
        double[][] out = new double[cells][tensors];
        for (int t = 0; t < tensors; t++) {
            double mean = 0;
            for (double[] v : values) {
                mean += log(v[t]);
            }
            mean /= cells;
            for (int c = 0; c < cells; c++) {
                out[c][t] = log(values[c][t]) - mean;
            }
        }
        return out;
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
