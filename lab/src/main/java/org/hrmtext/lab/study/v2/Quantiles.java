package org.hrmtext.lab.study.v2;

import java.util.Arrays;

/**
 * Sample quantiles by linear interpolation between order statistics (Hyndman–Fan type 7, the
 * default of R and NumPy): {@code h = (n − 1)·q}, {@code x[floor h] + (h − floor h)·(x[floor h + 1] − x[floor h])}.
 * For 16 values the 0.95 quantile lies between the 15th and 16th smallest, so it is below the
 * maximum unless the two are equal (nearest rank would return the maximum).
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** The {@code q}-quantile, {@code 0 ≤ q ≤ 1}; NaN for no values. */
    public static double of(double[] values, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile level must lie in [0, 1], got " + q);
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] x = values.clone();
        Arrays.sort(x);
        double h = (x.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, x.length - 1);
        return x[lo] + (h - lo) * (x[hi] - x[lo]);
    }

    public static double median(double[] values) {
        return of(values, 0.5);
    }

    /** Interquartile range {@code q(0.75) − q(0.25)}. */
    public static double iqr(double[] values) {
        return of(values, 0.75) - of(values, 0.25);
    }

    public static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
