package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Fills a libtorch-owned array by blocks of rows (along its first axis) through one small direct
 * buffer, so a large weight never exists twice in native memory, nor waits there for the garbage
 * collector to free a direct copy of it. Blocks hold at most {@link #CHUNK_VALUES} values.
 */
final class DjlRowUpload {
    /** Values per block (16 MB of float32). */
    static final int CHUNK_VALUES = 1 << 22;

    private final NDManager manager;
    private final NDArray target;
    private final long[] dims;
    private final int cols;
    private final int blockRows;
    private final ByteBuffer scratch;

    /** A zero-filled array of {@code shape} (two or more axes) to fill. */
    DjlRowUpload(NDManager manager, Shape shape) {
        this.manager = manager;
        this.dims = shape.getShape().clone();
        this.cols = Math.toIntExact(shape.size() / dims[0]);
        this.blockRows = Math.max(1, CHUNK_VALUES / cols);
        this.scratch = ByteBuffer.allocateDirect(blockRows * cols * Float.BYTES).order(ByteOrder.nativeOrder());
        this.target = manager.zeros(shape);
    }

    /** The most rows one {@link #write} takes. */
    int blockRows() {
        return blockRows;
    }

    /** Writes {@code values} (whole rows, at most {@link #blockRows}) from row {@code row} on. */
    void write(int row, float[] values) {
        int n = values.length / cols;
        if (n * cols != values.length || n > blockRows || n == 0) {
            throw new IllegalArgumentException(values.length + " values are not 1.." + blockRows + " rows of " + cols);
        }
        scratch.clear();
        scratch.asFloatBuffer().put(values);
        scratch.limit(values.length * Float.BYTES);
        long[] block = dims.clone();
        block[0] = n;
        try (NDArray part = manager.create(scratch, new Shape(block), DataType.FLOAT32)) {
            target.set(new NDIndex(row + ":" + (row + n)), part);
        }
    }

    /** The filled array (owned by the caller from now on). */
    NDArray array() {
        return target;
    }

    /** Frees the array, for a failed fill. */
    void discard() {
        target.close();
    }
}
