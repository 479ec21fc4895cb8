package org.hrmtext.domain.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-tensor moments, the state-gradient ratios and the block-depth layout on hand-made
 * values.
 */
class TensorMomentsTest {
    private static final double E = Math.E;

    @Test
    void momentsOfAHandMadeGradient() {
        TensorMoments m = TensorMoments.of(new float[] {0f, 1f, (float) -E, (float) (E * E)});
        assertEquals(4, m.count());
        assertEquals(1, m.zeros(), "the exact zero is counted, not logged");
        assertEquals((1 + E + E * E) / 4, m.meanAbs(), 1e-6, "mean |g| = L1 / n over all elements, signs ignored");
        assertEquals(1.0, m.logMean(), 1e-6, "ln 1, ln e, ln e² average to 1");
        assertEquals(Math.sqrt(2.0 / 3), m.logStd(), 1e-6, "population std of 0, 1, 2");
        assertEquals(E, m.median(), 1e-6, "nearest rank: the 2nd of 3");
        assertEquals(E * E, m.p99(), 1e-5);
        TensorMoments zero = TensorMoments.of(new float[] {0f, 0f});
        assertEquals(0, zero.meanAbs());
        assertEquals(2, zero.zeros());
        assertEquals(0, zero.logStd());
    }

    @Test
    void poolingCentredPerTensorKeepsOnlyTheSpreadWithinTensors() {
        TensorMoments a = TensorMoments.of(new float[] {1f, (float) E, (float) (E * E)});
        TensorMoments far = TensorMoments.of(new float[] {1e-6f, (float) (1e-6 * E), (float) (1e-6 * E * E)});
        assertEquals(a.logStd(), TensorMoments.pooledCentredLogStd(List.of(a, far)), 1e-5,
                "two tensors a factor 1e6 apart pool to their own spread, not the gap between them");
        TensorMoments b = TensorMoments.of(new float[] {1f, (float) Math.exp(4)});
        assertEquals(Math.sqrt((3 * 2.0 / 3 + 2 * 4.0) / 5), TensorMoments.pooledCentredLogStd(List.of(a, b)), 1e-5,
                "weighted by non-zero counts: √((3·2/3 + 2·4) / 5)");
        assertEquals(Double.NaN, TensorMoments.pooledCentredLogStd(List.of()));
    }

    @Test
    void stateGradientRatiosGoBackOneCallAtATime() {
        StateGradients g = new StateGradients(List.of("L1", "H1", "L2", "H2"), new double[] {1, 2, 8, 4});
        assertArrayEquals(new double[] {0.5, 0.25, 2}, g.adjacentRatios(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new StateGradients(List.of("L1"), new double[] {1, 2}));
    }

    @Test
    void blockDepthReadsItsRowMajorTable() {
        List<String> labels = BlockDepth.labels(List.of(new DepthProbe.Step(0, "L1", null, -1),
                new DepthProbe.Step(1, "H1", null, -1)), 2);
        assertEquals(List.of("L1.0", "L1.1", "H1.0", "H1.1"), labels);
        float[] v = new float[4 * 6];
        for (int b = 0; b < 4; b++) {
            v[b * 6] = 2 * (b + 1);
            v[b * 6 + 1] = b;
            v[b * 6 + 2 + b] = 1;
        }
        BlockDepth d = BlockDepth.of(labels, 16, v);
        assertArrayEquals(new double[] {2, 4, 6, 8}, d.deltaNorm(), 0);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, d.deltaNormPerRootD(), 1e-12, "÷ √16");
        assertArrayEquals(new double[] {0, 1, 2, 3}, d.lensKl(), 0);
        assertEquals(1.0, d.cosine()[2][2]);
        assertEquals(0.0, d.cosine()[2][1]);
        assertThrows(IllegalArgumentException.class, () -> BlockDepth.of(labels, 16, new float[5]));
    }
}
