package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Java arrays to device arrays that own their memory. DJL's {@code create} wraps a direct
 * buffer without copying; libtorch may still read it (e.g. during backward) after the garbage
 * collector has freed that buffer, which showed as sporadic NaN or huge gradients. The same holds
 * for the scalar of {@code NDArray.mul(Number)} and friends: autograd saves it for backward while
 * DJL frees its buffer right after the op. Copying into libtorch-owned memory removes the
 * dependence on the Java buffer's lifetime.
 */
final class DjlArrays {
    /** Values per upload chunk of a large array (16 MB). */
    private static final int CHUNK_VALUES = 1 << 22;

    private DjlArrays() {
    }

    /**
     * Like {@link #floats}, for arrays of any size without a second full copy: the libtorch-owned
     * result is allocated first and filled by row blocks through one small direct buffer, so a
     * large weight (the 400 MB embedding of the released model) never exists twice in native
     * memory, nor waits there for the garbage collector to free DJL's direct copy.
     */
    static NDArray largeFloats(NDManager manager, float[] data, Shape shape) {
        if (data.length <= CHUNK_VALUES || shape.dimension() < 2) {
            return floats(manager, data, shape);
        }
        long rows = shape.get(0);
        int cols = Math.toIntExact(shape.size() / rows);
        int block = Math.max(1, CHUNK_VALUES / cols);
        ByteBuffer scratch = ByteBuffer.allocateDirect(block * cols * Float.BYTES).order(ByteOrder.nativeOrder());
        NDArray out = manager.zeros(shape);
        try {
            for (int row = 0; row < rows; row += block) {
                int n = (int) Math.min(block, rows - row);
                scratch.clear();
                scratch.asFloatBuffer().put(data, row * cols, n * cols);
                scratch.limit(n * cols * Float.BYTES);
                long[] dims = shape.getShape().clone();
                dims[0] = n;
                try (NDArray part = manager.create(scratch, new Shape(dims), DataType.FLOAT32)) {
                    out.set(new NDIndex(row + ":" + (row + n)), part);
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.close();
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
