package org.hrmtext.inference;

import java.util.Arrays;
import org.hrmtext.domain.data.PrefixLmMask;

/**
 * Which cached positions each row may attend to, and the requests' attention biases. Prompts
 * of unequal length are right-padded in one prefill; a padded slot is never attended to and the
 * padding queries attend only to themselves. Generated tokens attend to their row's prompt and
 * earlier generated tokens (causal), the prompt to itself bidirectionally (PrefixLM).
 */
final class CacheLayout {
    /** Matches the backends' blocked bias: exp underflows to exactly 0. */
    private static final float BLOCKED = PrefixLmMask.BLOCKED;
    private final int rows;
    private final int[] promptLengths;
    private final int capacity;
    private final boolean[] valid;
    private int length;

    CacheLayout(int[] promptLengths, int capacity) {
        this.rows = promptLengths.length;
        this.promptLengths = promptLengths.clone();
        this.capacity = capacity;
        this.valid = new boolean[rows * capacity];
    }

    int length() {
        return length;
    }

    /** Bias {@code [rows, T, T]} of the prefill, where T is the longest prompt. */
    float[] prefill(int t) {
        float[] bias = new float[rows * t * t];
        Arrays.fill(bias, BLOCKED);
        for (int r = 0; r < rows; r++) {
            int len = promptLengths[r];
            for (int q = 0; q < t; q++) {
                for (int k = 0; k < t; k++) {
                    boolean allowed = q < len ? k < len : k == q;
                    if (allowed) {
                        bias[(r * t + q) * t + k] = 0f;
                    }
                }
            }
            for (int k = 0; k < len; k++) {
                valid[r * capacity + k] = true;
            }
        }
        length = t;
        return bias;
    }

    /** Bias {@code [rows, 1, length + 1]} of a one-token decode step; {@code active} rows keep their new slot. */
    float[] decode(boolean[] active) {
        int keys = length + 1;
        float[] bias = new float[rows * keys];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < length; k++) {
                bias[r * keys + k] = valid[r * capacity + k] ? 0f : BLOCKED;
            }
            bias[r * keys + length] = 0f;
            valid[r * capacity + length] = active[r];
        }
        length++;
        return bias;
    }
}
