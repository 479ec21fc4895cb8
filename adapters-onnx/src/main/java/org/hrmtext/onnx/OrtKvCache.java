package org.hrmtext.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.KvCache;

/**
 * The key/value caches of one generation request, held once, in Java direct buffers that ONNX
 * Runtime reads and writes in place: one buffer per module call, layer, key and value, time-major
 * ({@code [capacity, batch, heads, head_dim]}, see {@link OnnxSignature}), so the cached positions
 * are a contiguous prefix. A run reads the prefix through {@code past_*} tensors that are views of
 * it and writes its {@code new_*} outputs straight into the positions after it (pinned outputs,
 * views too); nothing of the cache is copied per step, and no second copy of it exists while a
 * step runs. The first run reserves what it needs or the positions the caller expects, whichever
 * is more; when a later run needs more, each buffer in turn is replaced by one with a quarter more
 * room (at least what the run needs, a multiple of 64) and freed at once, so growing never holds
 * more than one old buffer beside the new ones. The other inputs and the logits
 * live in {@link OrtStepBuffers}, reused from run to run. Not shared between threads.
 */
final class OrtKvCache implements KvCache {
    /** Growth beyond the first reservation rounds capacities up to a multiple of this. */
    private static final int GROWTH_STEP = 64;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtInferenceModel owner;
    private final int batch;
    private final long[] rowShape;
    /** Bytes of one position of one tensor: {@code batch · heads · head_dim · element bytes}. */
    private final long positionBytes;
    private final OnnxJavaType type;
    private final OrtStepBuffers buffers;
    private final ByteBuffer[] store;
    private final OnnxTensor[] pastViews;
    private final OnnxTensor[] newViews;
    private int capacity;
    private int expected;
    private int length;
    private boolean closed;

    OrtKvCache(OrtInferenceModel owner, OnnxSignature signature, int batch, int heads, int headDim, long vocab) {
        if (batch < 1) {
            throw new IllegalArgumentException("a KV cache needs at least one row, got " + batch);
        }
        this.owner = owner;
        this.batch = batch;
        this.rowShape = new long[] {batch, heads, headDim};
        this.positionBytes = (long) batch * heads * headDim * signature.cacheElementBytes();
        this.type = signature.cacheType() == OnnxSignature.FLOAT16 ? OnnxJavaType.FLOAT16 : OnnxJavaType.FLOAT;
        try {
            this.buffers = new OrtStepBuffers(signature, batch, vocab);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot allocate the run buffers: " + e.getMessage(), e);
        }
        int tensors = buffers.pastNames().length;
        this.store = new ByteBuffer[tensors];
        this.pastViews = new OnnxTensor[tensors];
        this.newViews = new OnnxTensor[tensors];
    }

    boolean ownedBy(OrtInferenceModel model) {
        return owner == model;
    }

    /** The cache's buffers in {@link OrtStepBuffers#pastNames()} order (for {@link OrtKvCacheGather}). */
    ByteBuffer buffer(int tensor) {
        checkOpen();
        return store[tensor];
    }

    /** Bytes of one cached position of one tensor (all rows). */
    long positionBytes() {
        return positionBytes;
    }

    /**
     * Makes room for {@code r}'s new positions and returns the inputs of its run: the step buffers
     * and a view of each cache's prefix as its {@code past_*} tensor. Call {@link #outputs} for the
     * outputs, then {@link #advance} after the run or {@link #release} when it fails.
     */
    Map<String, OnnxTensorLike> inputs(ForwardRequest r) throws OrtException {
        checkOpen();
        release();
        reserve(length + r.queryLen());
        for (int i = 0; i < store.length; i++) {
            pastViews[i] = view(i, 0, length);
            newViews[i] = view(i, length, r.queryLen());
        }
        return buffers.inputs(r, pastViews);
    }

    /** The outputs of the run {@link #inputs} prepared: the logits buffers and the views the new keys/values go to. */
    Map<String, OnnxValue> outputs() {
        return buffers.outputs(newViews);
    }

    /** The buffers runs of this cache read and write. */
    OrtStepBuffers buffers() {
        return buffers;
    }

    /** Counts the positions the last run wrote as cached. */
    void advance(int tokens) {
        release();
        length += tokens;
    }

    /** Closes the views of the last {@link #inputs} call. */
    void release() {
        for (int i = 0; i < store.length; i++) {
            closeView(pastViews, i);
            closeView(newViews, i);
        }
    }

    /** Starts a gathered cache at {@code positions} cached positions (its buffers already filled by {@link #reserve}). */
    void startAt(int positions) {
        length = positions;
    }

    /** The positions the first run reserves at least (the caller's expected prompt plus new tokens). */
    void expect(int positions) {
        expected = positions;
    }

    /**
     * Grows every buffer to hold at least {@code positions} positions: the first time exactly that
     * (or the expected positions if more), later a quarter more than now, rounded up to 64.
     */
    void reserve(int positions) {
        if (positions <= capacity) {
            return;
        }
        long wanted = capacity == 0 ? Math.max(positions, expected)
                : Math.max(positions, (capacity + capacity / 4L + GROWTH_STEP - 1) / GROWTH_STEP * GROWTH_STEP);
        int grown = (int) Math.min(wanted, Integer.MAX_VALUE);
        for (int i = 0; i < store.length; i++) {
            ByteBuffer bigger = DirectBuffers.allocate(grown * positionBytes, "the KV cache (" + store.length
                    + " tensors of " + grown + " positions × " + positionBytes + " bytes)");
            if (store[i] != null) {
                bigger.put(0, store[i], 0, Math.toIntExact(length * positionBytes));
                DirectBuffers.free(store[i]);
            }
            store[i] = bigger;
        }
        capacity = grown;
    }

    private OnnxTensor view(int tensor, int from, int positions) throws OrtException {
        ByteBuffer slice = store[tensor].slice(Math.toIntExact(from * positionBytes), Math.toIntExact(positions * positionBytes));
        return OnnxTensor.createTensor(env, slice, new long[] {positions, rowShape[0], rowShape[1], rowShape[2]}, type);
    }

    private static void closeView(OnnxTensor[] views, int i) {
        if (views[i] != null) {
            views[i].close();
            views[i] = null;
        }
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int length() {
        return length;
    }

    /** Bytes the buffers hold: {@code capacity ≥ length} positions (the room a run made, used or not). */
    @Override
    public long bytes() {
        return positionBytes * store.length * capacity;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this KV cache is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release();
            buffers.close();
            for (int i = 0; i < store.length; i++) {
                DirectBuffers.free(store[i]);
                store[i] = null;
            }
        }
    }
}
