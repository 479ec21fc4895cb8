package org.hrmtext.lab.study.v2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Mann–Kendall test for a monotone trend in a series (in time order):
 * {@code S = Σ_{i<j} sign(x_j − x_i)}, variance {@code [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18} with
 * tie groups {@code t}, {@code Z = (S − sign S)/√Var}, two-sided normal p; and Sen's slope (the
 * median of the pairwise slopes per step of the series index).
 */
public record MannKendall(int n, long s, double z, double p, double senSlope) {

    public static MannKendall of(double[] series) {
        int n = series.length;
        long s = 0;
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Long.signum(Double.compare(series[j], series[i]) == 0 ? 0 : (series[j] > series[i] ? 1 : -1));
                slopes.add((series[j] - series[i]) / (j - i));
            }
        }
        Map<Double, Integer> ties = new HashMap<>();
        for (double v : series) {
            ties.merge(v, 1, Integer::sum);
        }
        double tieTerm = 0;
        for (int t : ties.values()) {
            tieTerm += (double) t * (t - 1) * (2 * t + 5);
        }
        double var = ((double) n * (n - 1) * (2 * n + 5) - tieTerm) / 18.0;
        double z = var > 0 ? (s - Math.signum(s)) / Math.sqrt(var) : 0;
        double sen = Quantiles.median(slopes.stream().mapToDouble(Double::doubleValue).toArray());
        return new MannKendall(n, s, z, Normal.twoSided(z), sen);
    }
}
