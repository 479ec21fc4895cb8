package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.hrmtext.domain.data.PackedBatch;

/**
 * The task-completion objective: cross-entropy summed over labelled (response) positions and
 * divided by their count; positions labelled −100 (instructions, padding) do not count.
 */
final class TaskCompletionLoss {
    private TaskCompletionLoss() {
    }

    /** Scalar mean loss over labelled tokens of {@code logits [N, vocab]}. */
    static NDArray of(NDManager manager, NDArray logits, PackedBatch batch) {
        int[] labels = batch.labels();
        int n = labels.length;
        long[] index = new long[n];
        float[] weight = new float[n];
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != PackedBatch.IGNORE) {
                index[i] = labels[i];
                weight[i] = 1f;
                count++;
            }
        }
        NDArray idx = DjlArrays.longs(manager, index, new Shape(n, 1));
        NDArray w = DjlArrays.floats(manager, weight, new Shape(n, 1));
        NDArray picked = logits.logSoftmax(1).gather(idx, 1);
        return picked.mul(w).sum().neg().div(DjlArrays.scalar(manager, Math.max(1, count)));
    }

    /** Argmax token at every position. */
    static int[] predictions(NDArray logits) {
        long[] arg = logits.argMax(1).toType(DataType.INT64, false).toLongArray();
        int[] out = new int[arg.length];
        for (int i = 0; i < arg.length; i++) {
            out[i] = (int) arg[i];
        }
        return out;
    }
}
