package org.hrmtext.lab.study.v2;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Wilcoxon signed-rank test of paired differences: zeros dropped, |d| ranked with mid-ranks
 * for ties, {@code W+} = sum of the ranks of positive differences; two-sided p from the normal
 * approximation with tie-corrected variance and a continuity correction of ½. Below
 * {@link #MIN_N} non-zero differences the approximation is poor and {@link #enough()} is false.
 */
public record WilcoxonSignedRank(int n, double wPlus, double z, double p) {
    public static final int MIN_N = 10;

    public static WilcoxonSignedRank of(double[] differences) {
        double[] d = Arrays.stream(differences).filter(v -> v != 0 && !Double.isNaN(v)).toArray();
        int n = d.length;
        if (n == 0) {
            return new WilcoxonSignedRank(0, 0, 0, 1.0);
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> Math.abs(d[i])));
        double[] rank = new double[n];
        double tieTerm = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && Math.abs(d[idx[j + 1]]) == Math.abs(d[idx[i]])) {
                j++;
            }
            double mid = (i + j + 2) / 2.0;
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = mid;
            }
            int t = j - i + 1;
            tieTerm += (double) t * t * t - t;
            i = j + 1;
        }
        double w = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                w += rank[i];
            }
        }
        double mean = n * (n + 1) / 4.0;
        double var = n * (n + 1) * (2 * n + 1) / 24.0 - tieTerm / 48.0;
        double diff = w - mean;
        double z = var > 0 ? Math.signum(diff) * Math.max(0, Math.abs(diff) - 0.5) / Math.sqrt(var) : 0;
        return new WilcoxonSignedRank(n, w, z, Normal.twoSided(z));
    }

    /** Whether there are enough non-zero differences for the normal approximation. */
    public boolean enough() {
        return n >= MIN_N;
    }
}
