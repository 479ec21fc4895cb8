package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Java arrays to device arrays that own their memory. DJL's {@code create} wraps a direct
 * buffer without copying; libtorch may still read it (e.g. during backward) after the garbage
 * collector has freed that buffer, which showed as sporadic NaN or huge gradients. The same holds
 * for the scalar of {@code NDArray.mul(Number)} and friends: autograd saves it for backward while
 * DJL frees its buffer right after the op. Copying into libtorch-owned memory removes the
 * dependence on the Java buffer's lifetime.
 */
final class DjlArrays {
    private DjlArrays() {
    }

    /**
     * Like {@link #floats}, for arrays of any size without a second full native copy: a large one
     * is filled by row blocks ({@link DjlRowUpload}).
     */
    static NDArray largeFloats(NDManager manager, float[] data, Shape shape) {
        if (data.length <= DjlRowUpload.CHUNK_VALUES || shape.dimension() < 2) {
            return floats(manager, data, shape);
        }
        DjlRowUpload upload = new DjlRowUpload(manager, shape);
        try {
            int cols = (int) (shape.size() / shape.get(0));
            for (int row = 0; row < shape.get(0); row += upload.blockRows()) {
                int n = (int) Math.min(upload.blockRows(), shape.get(0) - row);
                upload.write(row, java.util.Arrays.copyOfRange(data, row * cols, (row + n) * cols));
            }
            return upload.array();
        } catch (RuntimeException e) {
            upload.discard();
            throw e;
        }
    }

    static NDArray floats(NDManager manager, float[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    static NDArray longs(NDManager manager, long[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    /** A 0-d float32 scalar owned by libtorch; use it instead of {@code mul(Number)} inside autograd. */
    static NDArray scalar(NDManager manager, double value) {
        return floats(manager, new float[] {(float) value}, new Shape());
    }

    private static NDArray owned(NDArray wrapped) {
        NDArray copy = wrapped.duplicate();
        wrapped.close();
        return copy;
    }
}
