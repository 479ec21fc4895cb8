package org.hrmtext.domain.model;

import java.util.Arrays;
import java.util.Collection;
import org.hrmtext.domain.InvalidInputException;

/**
 * Refuses tensors (weights, logits) that hold a NaN or an infinity, naming the first bad tensor and the index of
 * its first bad value (flat and per dimension). Scans the tensors in place: no copy.
 */
public final class TensorFiniteness {
    private TensorFiniteness() {
    }

    /** Throws for the first non-finite value; {@code source} names the file in the message. */
    public static void check(String source, Collection<HostTensor> tensors) {
        for (HostTensor t : tensors) {
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    throw new InvalidInputException(source + ": tensor " + t.name() + " holds " + d[i] + " at index " + i
                            + index(t.shape(), i) + "; expected finite values");
                }
            }
        }
    }

    private static String index(int[] shape, int flat) {
        if (shape.length < 2) {
            return "";
        }
        int[] at = new int[shape.length];
        int rest = flat;
        for (int k = shape.length - 1; k >= 0; k--) {
            at[k] = rest % shape[k];
            rest /= shape[k];
        }
        return " " + Arrays.toString(at);
    }
}
