package org.hrmtext.tests.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.lab.study.v2.BootstrapCi;
import org.hrmtext.lab.study.v2.MannKendall;
import org.hrmtext.lab.study.v2.Quantiles;
import org.hrmtext.lab.study.v2.SignTest;
import org.hrmtext.domain.diagnostics.TensorMoments;
import org.hrmtext.lab.study.v2.TensorSet;
import org.hrmtext.lab.study.v2.TensorStatistics;
import org.hrmtext.lab.study.v2.WilcoxonSignedRank;
import org.junit.jupiter.api.Test;

/**
 * The statistics of the second study protocol on hand-made values whose answers are known in
 * closed form: type-7 quantiles of small N, the bootstrap interval, the sign, signed-rank and
 * Mann–Kendall tests, the fixed element set and per-tensor centring.
 */
class ProtocolStatisticsTest {
    private static double[] oneTo(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    @Test
    void p95OfSixteenInterpolatesBelowTheMaximum() {
        double[] x = oneTo(16);
        assertEquals(15.25, Quantiles.of(x, 0.95), 1e-12, "h = 15 × 0.95 = 14.25 → 15 + 0.25 × (16 − 15)");
        assertEquals(16, Quantiles.max(x), 0);
        assertEquals(2.5, Quantiles.median(new double[] {4, 1, 3, 2}), 1e-12);
        assertEquals(4.0, Quantiles.iqr(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}), 1e-12, "type 7: q75 = 7, q25 = 3");
        assertEquals(3.0, Quantiles.of(new double[] {3}, 0.95), 0, "one value");
        assertTrue(Double.isNaN(Quantiles.of(new double[0], 0.5)));
    }

    @Test
    void bootstrapIntervalOfP95ContainsItAndStaysWithinTheData() {
        double[] x = oneTo(16);
        BootstrapCi ci = BootstrapCi.ofP95(x, 7);
        assertEquals(15.25, ci.estimate(), 1e-12);
        assertTrue(ci.low() <= ci.estimate() && ci.estimate() <= ci.high(), ci.toString());
        assertTrue(ci.low() >= 1 && ci.high() <= 16, ci.toString());
        assertTrue(ci.low() < 15, "16 resampled values often miss the top two: " + ci);
        BootstrapCi constant = BootstrapCi.ofP95(new double[] {2, 2, 2, 2}, 1);
        assertEquals(2, constant.low(), 0);
        assertEquals(2, constant.high(), 0);
        assertEquals(ci, BootstrapCi.ofP95(x, 7), "seeded");
    }

    @Test
    void signTestIsTheExactBinomialTail() {
        double[] d = {1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 0};
        SignTest t = SignTest.of(d);
        assertEquals(10, t.n(), "the zero is dropped");
        assertEquals(9, t.positive());
        assertEquals(2 * 11 / 1024.0, t.p(), 1e-12, "2 × (C(10,0) + C(10,1)) / 2^10");
        assertEquals(1.0, SignTest.of(new double[] {1, -1}).p(), 1e-12);
    }

    @Test
    void wilcoxonOfTenPositiveDifferences() {
        WilcoxonSignedRank w = WilcoxonSignedRank.of(oneTo(10));
        assertEquals(55, w.wPlus(), 0);
        assertEquals((55 - 27.5 - 0.5) / Math.sqrt(96.25), w.z(), 1e-12);
        assertEquals(0.00592, w.p(), 5e-5, "normal approximation with continuity correction");
        assertTrue(w.enough());
        WilcoxonSignedRank symmetric = WilcoxonSignedRank.of(new double[] {1, -1, 2, -2, 3, -3, 4, -4, 5, -5});
        assertEquals(27.5, symmetric.wPlus(), 1e-12, "mid-ranks for ties");
        assertEquals(1.0, symmetric.p(), 1e-6);
        assertFalse(WilcoxonSignedRank.of(new double[] {1, 2, 3}).enough());
    }

    @Test
    void mannKendallFindsAMonotoneTrendAndNotNoise() {
        MannKendall up = MannKendall.of(oneTo(10));
        assertEquals(45, up.s());
        assertEquals(44 / Math.sqrt(125), up.z(), 1e-12);
        assertTrue(up.p() < 1e-3, "p " + up.p());
        assertEquals(1.0, up.senSlope(), 1e-12);
        MannKendall flat = MannKendall.of(new double[] {1, 3, 2, 3, 1, 2, 3, 1, 2});
        assertTrue(flat.p() > 0.5, "no trend: p " + flat.p());
        MannKendall down = MannKendall.of(new double[] {5, 4, 4, 3, 1});
        assertTrue(down.s() < 0, "ties counted as 0");
    }

    @Test
    void fixedElementSetRefusesAZeroTensorAndPoolsBySize() {
        TensorSet set = new TensorSet(List.of("model.H_module.a", "model.L_module.b"), new long[] {4, 16});
        Map<String, TensorMoments> tensors = new LinkedHashMap<>(Map.of(
                "model.H_module.a", moments(4, 0, 1.0), "model.L_module.b", moments(16, 2, 0.25)));
        List<TensorMoments> m = set.moments(tensors, "cell");
        assertEquals(2, m.size());
        assertEquals((4 * 1.0 + 16 * 0.25) / 20, TensorSet.pooledMeanAbs(m), 1e-12, "L1 / n over the 20 elements");
        assertEquals(0.625, TensorSet.medianOver(m, TensorMoments::meanAbs), 1e-12, "type-7 median of two tensors");
        assertEquals(List.of("model.H_module.a"), set.group("H").names());
        assertEquals(List.of("model.L_module.b"), set.group("L").names());
        tensors.put("model.L_module.b", moments(16, 16, 0.0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> set.moments(tensors, "H1_L1"));
        assertTrue(e.getMessage().contains("model.L_module.b") && e.getMessage().contains("H1_L1"), e.getMessage());
        tensors.remove("model.L_module.b");
        assertThrows(IllegalStateException.class, () -> set.moments(tensors, "missing"), "a tensor of the set without moments");
        tensors.put("model.L_module.b", moments(15, 0, 1.0));
        assertThrows(IllegalStateException.class, () -> set.moments(tensors, "cell"), "moments over another element count");
    }

    private static TensorMoments moments(long n, long zeros, double meanAbs) {
        return new TensorMoments(n, zeros, meanAbs, Math.log(meanAbs), 1.0, meanAbs, 3 * meanAbs);
    }

    @Test
    void perTensorRatiosAndGridNormalisation() {
        double e = Math.E;
        assertEquals(1.0, TensorStatistics.medianLogRatio(new double[] {e, 10 * e}, new double[] {1, 10}), 1e-9,
                "tensor scale 10 does not matter");
        assertEquals(Math.log(1e-30), TensorStatistics.log(0), 1e-9, "ε = 1e-30 keeps zero finite");
        double[] n = TensorStatistics.normalisedByGridMedian(new double[] {1, 2, 4});
        assertEquals(0.5, n[0], 1e-12);
        assertEquals(2.0, n[2], 1e-12);
    }
}
