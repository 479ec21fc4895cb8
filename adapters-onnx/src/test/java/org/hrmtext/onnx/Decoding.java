package org.hrmtext.onnx;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.data.PrefixLmMask;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;

/**
 * The inference contract driven by hand, as the generation engine drives it: greedy decoding with
 * the cache (the prompt prefilled as one bidirectional prefix, then one causal token per step), and
 * the same sequence recomputed without a cache under a PrefixLM bias.
 */
final class Decoding {
    static final float BLOCKED = PrefixLmMask.BLOCKED;

    /** Tokens chosen and the logits each was chosen from. */
    record Greedy(int[] tokens, List<float[]> logits) {
    }

    private Decoding() {
    }

    /** Prefill {@code prompt}, then decode until {@code newTokens} tokens are chosen. */
    static Greedy greedy(InferenceModel model, int[] prompt, int newTokens) {
        int[] tokens = new int[newTokens];
        List<float[]> logits = new ArrayList<>();
        try (KvCache cache = model.newCache(1)) {
            int tp = prompt.length;
            ForwardResult r = model.forward(cache, new ForwardRequest(1, tp, longs(prompt), range(0, tp),
                    new float[tp * tp], new long[] {tp - 1}));
            for (int s = 0; s < newTokens; s++) {
                logits.add(r.logits());
                tokens[s] = argmax(r.logits());
                if (s + 1 < newTokens) {
                    int pos = tp + s;
                    r = model.forward(cache, new ForwardRequest(1, 1, new long[] {tokens[s]}, new long[] {pos},
                            new float[cache.length() + 1], new long[] {0}));
                }
            }
        }
        return new Greedy(tokens, logits);
    }

    /**
     * Logits at positions {@code from..sequence.length-1} of {@code sequence} computed in one
     * uncached pass (one batch row per position), the first {@code prefixLen} tokens bidirectional.
     */
    static List<float[]> recompute(InferenceModel model, int[] sequence, int prefixLen, int from) {
        int t = sequence.length;
        int rows = t - from;
        long[] ids = new long[rows * t];
        long[] pos = new long[rows * t];
        float[] bias = new float[rows * t * t];
        long[] index = new long[rows];
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < t; q++) {
                ids[r * t + q] = sequence[q];
                pos[r * t + q] = q;
                int visible = q < prefixLen ? prefixLen : q + 1;
                for (int k = visible; k < t; k++) {
                    bias[(r * t + q) * t + k] = BLOCKED;
                }
            }
            index[r] = from + r;
        }
        try (KvCache cache = model.newCache(rows)) {
            float[] all = model.forward(cache, new ForwardRequest(rows, t, ids, pos, bias, index)).logits();
            int vocab = all.length / rows;
            List<float[]> out = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                float[] row = new float[vocab];
                System.arraycopy(all, r * vocab, row, 0, vocab);
                out.add(row);
            }
            return out;
        }
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Largest |a − b| relative to the largest |b| (at least 1). */
    static double relativeError(float[] a, float[] b) {
        double scale = 1;
        double diff = 0;
        for (int i = 0; i < b.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        return diff / scale;
    }

    static long[] longs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    static long[] range(int from, int to) {
        long[] out = new long[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }
}
