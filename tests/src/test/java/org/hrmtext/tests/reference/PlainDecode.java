package org.hrmtext.tests.reference;

import java.util.Arrays;

/**
 * Greedy decoding by full recomputation with {@link PlainForward}: the prompt is one bidirectional
 * prefix, every generated token attends causally to everything before it, and the next token is
 * the argmax (lowest id on ties) of {@code (1 + w)·logits(final) − w·logits(first)}.
 */
public final class PlainDecode {
    private final PlainForward forward;
    private final int vocab;

    public PlainDecode(PlainForward forward, int vocab) {
        this.forward = forward;
        this.vocab = vocab;
    }

    /** {@code count} new tokens after {@code prompt} with auto-guidance weight {@code w} (0 = off). */
    public int[] greedy(int[] prompt, int count, double w) {
        int[] seq = Arrays.copyOf(prompt, prompt.length + count);
        for (int n = prompt.length; n < seq.length; n++) {
            int[] tokens = Arrays.copyOf(seq, n);
            int[] positions = new int[n];
            for (int i = 0; i < n; i++) {
                positions[i] = i;
            }
            PlainForward.Logits out = forward.run(tokens, positions, prefixLm(n, prompt.length));
            int row = (n - 1) * vocab;
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                double g = (1 + w) * out.last()[row + v] - w * out.first()[row + v];
                if (g > bestValue) {
                    bestValue = g;
                    best = v;
                }
            }
            seq[n] = best;
        }
        return Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    /** {@code allowed[q * t + k]}: the first {@code prefix} tokens see each other, the rest are causal. */
    public static boolean[] prefixLm(int t, int prefix) {
        boolean[] allowed = new boolean[t * t];
        for (int q = 0; q < t; q++) {
            int last = q < prefix ? prefix : q + 1;
            for (int k = 0; k < last; k++) {
                allowed[q * t + k] = true;
            }
        }
        return allowed;
    }
}
