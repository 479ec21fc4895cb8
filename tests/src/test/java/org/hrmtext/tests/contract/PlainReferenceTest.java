package org.hrmtext.tests.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.SequenceSpan;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.tests.reference.PlainDecode;
import org.hrmtext.tests.reference.PlainForward;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain-Java reference forward reproduces every golden and reference folder of the oracle:
 * loss, logits and the greedy decode. It is what a new configuration can be checked against
 * without Python.
 */
class PlainReferenceTest {

    static java.util.List<String> cases() {
        return Backends.CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossAndLogitsEqualTheOracle(String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        PackedBatch batch = golden.batch();
        int vocab = golden.config().vocabSize();
        float[] logits = new PlainForward(golden.config(), golden.weights())
                .run(batch.inputs(), batch.positions(), packedMask(batch)).last();
        assertNull(Tolerance.logits(golden.expectedLogits().data(), logits, golden.scoredPositions(), vocab));
        double loss = taskCompletionLoss(logits, batch.labels(), vocab);
        double expected = golden.loss(golden.deepest());
        assertTrue(Tolerance.relativeClose(expected, loss, Tolerance.LOSS_RELATIVE),
                "loss " + loss + ", oracle " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void greedyDecodeEqualsTheOracle(String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        PlainDecode decode = new PlainDecode(new PlainForward(golden.config(), golden.weights()),
                golden.config().vocabSize());
        assertArrayEquals(golden.greedyTokens(), decode.greedy(golden.prompt(), golden.greedyTokens().length, 0));
    }

    /** The oracle's packed mask for a one-row batch: PrefixLM per sample, padding sees itself. */
    private static boolean[] packedMask(PackedBatch batch) {
        assertTrue(batch.rows() == 1, "the golden batches are one packed row");
        int t = batch.seqLen();
        boolean[] allowed = new boolean[t * t];
        int used = 0;
        for (SequenceSpan s : batch.spans()) {
            boolean[] local = PlainDecode.prefixLm(s.prefixLen() + s.causalLen(), s.prefixLen());
            int n = s.prefixLen() + s.causalLen();
            for (int q = 0; q < n; q++) {
                for (int k = 0; k < n; k++) {
                    allowed[(s.start() + q) * t + s.start() + k] = local[q * n + k];
                }
            }
            used = Math.max(used, s.end());
        }
        for (int i = used; i < t; i++) {
            allowed[i * t + i] = true;
        }
        return allowed;
    }

    /** Sum of cross-entropies over labelled positions / their count. */
    private static double taskCompletionLoss(float[] logits, int[] labels, int vocab) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == PackedBatch.IGNORE) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, logits[i * vocab + v]);
            }
            double z = 0;
            for (int v = 0; v < vocab; v++) {
                z += Math.exp(logits[i * vocab + v] - max);
            }
            sum += max + Math.log(z) - logits[i * vocab + labels[i]];
            count++;
        }
        return sum / count;
    }
}
