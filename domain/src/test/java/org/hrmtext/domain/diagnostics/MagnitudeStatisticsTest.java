package org.hrmtext.domain.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The statistic definitions against values worked out by hand. */
class MagnitudeStatisticsTest {
    private static final double LN2 = Math.log(2);

    @Test
    void powersOfTwoWithZerosAndSigns() {
        // |g| without zeros: 0.5, 1, 2, 4, 8, 16 (n = 6); ln|g| = ln2 · {-1, 0, 1, 2, 3, 4}.
        MagnitudeStatistics s = MagnitudeStatistics.of(new float[] {0, -1, 2, 0, 4, -8, 0.5f, 16});
        assertEquals(6, s.count());
        assertEquals(0.25, s.zeroFraction(), 1e-12);
        assertEquals(31.5 / 6, s.mean(), 1e-12);
        assertEquals(2, s.median(), 0, "3rd smallest of 6 (nearest rank ⌈0.5·6⌉)");
        assertEquals(16, s.p95(), 0, "⌈0.95·6⌉ = 6th smallest");
        assertEquals(16, s.p99(), 0);
        assertEquals(16, s.max(), 0);
        assertEquals(8, s.tailToMedian(), 0);
        // deviations from the mean 1.5·ln2: ±2.5, ±1.5, ±0.5 (·ln2); variance = ln2²·17.5/6.
        assertEquals(LN2 * Math.sqrt(17.5 / 6), s.logStd(), 1e-12);
        assertEquals(Math.sqrt(341.25), s.norm(), 1e-12);
    }

    @Test
    void percentilesOfOneToHundredAreTheirRanks() {
        float[] v = new float[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 - i;
        }
        MagnitudeStatistics s = MagnitudeStatistics.of(v);
        assertEquals(50, s.median(), 0);
        assertEquals(95, s.p95(), 0);
        assertEquals(99, s.p99(), 0);
        assertEquals(100, s.max(), 0);
        assertEquals(50.5, s.mean(), 1e-12);
        assertEquals(99.0 / 50, s.tailToMedian(), 1e-12);
    }

    @Test
    void constantMagnitudesHaveNoLogSpreadAndLognormalTailOfOne() {
        MagnitudeStatistics s = MagnitudeStatistics.of(new float[] {-3, 3, 3, -3});
        assertEquals(0, s.logStd(), 1e-12);
        assertEquals(1, s.tailToMedian(), 0);
        assertEquals(1, s.lognormalTailToMedian(), 1e-12);
        assertEquals(6, s.norm(), 1e-12);
    }

    @Test
    void allZeroGradientHasNoMagnitudes() {
        MagnitudeStatistics s = MagnitudeStatistics.of(new float[] {0, 0});
        assertEquals(0, s.count());
        assertEquals(1, s.zeroFraction(), 0);
    }

    @Test
    void nearestRankIndices() {
        assertEquals(0, Percentiles.rank(Percentiles.MEDIAN, 1));
        assertEquals(0, Percentiles.rank(Percentiles.MEDIAN, 2), "lower median");
        assertEquals(1, Percentiles.rank(Percentiles.MEDIAN, 3));
        assertEquals(18, Percentiles.rank(Percentiles.P95, 20));
        assertEquals(19, Percentiles.rank(Percentiles.P95, 21));
        assertEquals(989, Percentiles.rank(Percentiles.P99, 1000));
        assertEquals(0, Percentiles.rank(0, 10));
        assertEquals(9, Percentiles.rank(1000, 10));
    }
}
