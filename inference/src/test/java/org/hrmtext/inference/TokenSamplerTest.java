package org.hrmtext.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every sampling rule of {@link TokenSampler} against the distribution it should draw from,
 * computed here the obvious way: greedy argmax with ties to the lowest id, temperature softmax,
 * top-k, top-p (nucleus), min-p, and seeds.
 */
class TokenSamplerTest {
    private static final float[] LOGITS = {1.0f, 3.0f, 2.0f, 0.5f, 2.0f, -1.0f};
    private static final int DRAWS = 40_000;

    private static double[] softmax(float[] logits, double temperature) {
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] frequencies(SamplingSettings settings) {
        TokenSampler sampler = new TokenSampler(settings);
        int[] counts = new int[LOGITS.length];
        for (int i = 0; i < DRAWS; i++) {
            counts[sampler.next(LOGITS, 0, LOGITS.length)]++;
        }
        return Arrays.stream(counts).mapToDouble(c -> (double) c / DRAWS).toArray();
    }

    /** Frequencies within 4 standard errors of the expected probabilities (and exact zeros). */
    private static void assertDrawnFrom(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            double se = Math.sqrt(expected[i] * (1 - expected[i]) / DRAWS);
            double err = Math.abs(actual[i] - expected[i]);
            assertTrue(expected[i] == 0 ? actual[i] == 0 : err <= 4 * se + 1e-12,
                    "token " + i + ": frequency " + actual[i] + ", expected " + expected[i] + " in "
                            + Arrays.toString(actual));
        }
    }

    /** Renormalises {@code p} over the kept tokens. */
    private static double[] restricted(double[] p, int... kept) {
        double[] out = new double[p.length];
        double sum = 0;
        for (int k : kept) {
            sum += p[k];
        }
        for (int k : kept) {
            out[k] = p[k] / sum;
        }
        return out;
    }

    @Test
    void greedyTakesTheArgmaxAndTiesGoToTheLowestId() {
        TokenSampler greedy = new TokenSampler(SamplingSettings.greedy());
        assertEquals(1, greedy.next(LOGITS, 0, LOGITS.length));
        assertEquals(1, greedy.next(new float[] {9, 9, 0, 1, 5, 5}, 3, 3), "row {1, 5, 5} at offset 3: tie → id 1");
        assertEquals(0, greedy.next(new float[] {4, 4, 4}, 0, 3));
    }

    @Test
    void temperatureSamplesTheSoftmax() {
        assertDrawnFrom(softmax(LOGITS, 0.7), frequencies(new SamplingSettings(0.7, 0, 1, 0, 11)));
        assertDrawnFrom(softmax(LOGITS, 2.0), frequencies(new SamplingSettings(2.0, 0, 1, 0, 12)));
    }

    @Test
    void topKKeepsTheKMostLikelyTokens() {
        double[] p = softmax(LOGITS, 1.0);
        assertDrawnFrom(restricted(p, 1, 2, 4), frequencies(new SamplingSettings(1.0, 3, 1, 0, 13)));
        assertDrawnFrom(restricted(p, 1), frequencies(new SamplingSettings(1.0, 1, 1, 0, 14)));
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        double[] p = softmax(LOGITS, 1.0);
        // p ≈ {0.069, 0.507, 0.187, 0.042, 0.187, 0.009}: 0.507 < 0.6 ≤ 0.507 + 0.187 (ids 1, then 2 before 4)
        assertDrawnFrom(restricted(p, 1, 2), frequencies(new SamplingSettings(1.0, 0, 0.6, 0, 15)));
        assertDrawnFrom(restricted(p, 1), frequencies(new SamplingSettings(1.0, 0, 0.5, 0, 16)));
    }

    @Test
    void minPDropsTokensBelowAFractionOfTheMostLikely() {
        double[] p = softmax(LOGITS, 1.0);
        // 0.3 · 0.507 ≈ 0.152: ids 1, 2 and 4 stay
        assertDrawnFrom(restricted(p, 1, 2, 4), frequencies(new SamplingSettings(1.0, 0, 1, 0.3, 17)));
    }

    @Test
    void aSeedReproducesItsTokensAndAnotherSeedDoesNot() {
        int[] a = draws(21);
        assertEquals(Arrays.toString(a), Arrays.toString(draws(21)));
        assertNotEquals(Arrays.toString(a), Arrays.toString(draws(22)));
    }

    private static int[] draws(long seed) {
        TokenSampler sampler = new TokenSampler(new SamplingSettings(1.0, 0, 1, 0, seed));
        int[] out = new int[64];
        for (int i = 0; i < out.length; i++) {
            out[i] = sampler.next(LOGITS, 0, LOGITS.length);
        }
        return out;
    }
}
