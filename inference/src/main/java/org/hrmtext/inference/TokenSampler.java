package org.hrmtext.inference;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks one token from a row of logits under {@link SamplingSettings}; greedy ties go to the
 * lowest id. One sampler per request, so a seed reproduces the request's tokens.
 */
public final class TokenSampler {
    private final SamplingSettings settings;
    private final SplittableRandom random;

    public TokenSampler(SamplingSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
    }

    /** The next token from {@code logits[offset, offset + vocab)}. */
    public int next(float[] logits, int offset, int vocab) {
        if (settings.isGreedy()) {
            int best = 0;
            for (int i = 1; i < vocab; i++) {
                if (logits[offset + i] > logits[offset + best]) {
                    best = i;
                }
            }
            return best;
        }
        double[] p = new double[vocab];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[offset + i] / settings.temperature());
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            p[i] = Math.exp(logits[offset + i] / settings.temperature() - max);
            sum += p[i];
        }
        for (int i = 0; i < vocab; i++) {
            p[i] /= sum;
        }
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> p[b] != p[a] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
        int keep = settings.topK() > 0 ? Math.min(settings.topK(), vocab) : vocab;
        double cumulative = 0;
        double floor = settings.minP() * p[order[0]];
        int kept = 0;
        for (int r = 0; r < keep; r++) {
            if (p[order[r]] < floor && r > 0) {
                break;
            }
            cumulative += p[order[r]];
            kept++;
            if (cumulative >= settings.topP()) {
                break;
            }
        }
        double u = random.nextDouble() * cumulative;
        double acc = 0;
        for (int r = 0; r < kept; r++) {
            acc += p[order[r]];
            if (u < acc) {
                return order[r];
            }
        }
        return order[kept - 1];
    }
}
