package org.hrmtext.domain.diagnostics;

/**
 * The nearest-rank percentile, exact and the same on every backend: the {@code q}-th percentile of
 * {@code n} values is the {@code ⌈q·n⌉}-th smallest (1-based), so the median of an even count is
 * the lower middle value. Percentiles are given in per mille so that the rank is integer
 * arithmetic, {@code ⌈permille·n / 1000⌉ − 1} as a 0-based index, which a graph can compute too.
 */
public final class Percentiles {
    /** The median, 95th and 99th percentiles that the diagnostics report, in per mille. */
    public static final int MEDIAN = 500;
    public static final int P95 = 950;
    public static final int P99 = 990;

    private Percentiles() {
    }

    /** The 0-based index in ascending order of the {@code permille} percentile of {@code n >= 1} values. */
    public static long rank(int permille, long n) {
        if (n < 1 || permille < 0 || permille > 1000) {
            throw new IllegalArgumentException("percentile " + permille + "‰ of " + n + " values");
        }
        return Math.max(0, (permille * n + 999) / 1000 - 1);
    }

    /** The {@code permille} percentile of values sorted ascending. */
    public static double of(double[] ascending, int permille) {
        return ascending[(int) rank(permille, ascending.length)];
    }
}
