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
 * Runtime reads in place: one buffer {@code [batch, heads, capacity, head_dim]} per module call,
 * layer, key and value. A run reads the whole buffer as its {@code past_*} tensor (a view;
 * {@code past_len} = the capacity, the slots past the filled positions blocked in the attention
 * bias, see {@link OrtStepBuffers}), so nothing of the cache is copied per step and no second copy
 * of it exists while a step runs; the views are made again only when a buffer they view is
 * replaced. The first run of an empty cache (the prefill) writes its
 * {@code new_*} outputs straight into buffers of exactly its length; later runs write them into
 * small scratch buffers that are then copied into the next free positions of each row and head.
 * When a run needs more room than the buffers hold, each buffer in turn is replaced by a larger
 * one (the positions the caller expects while they suffice, else a quarter more, a multiple of
 * 64) and freed at once, so growing never holds more than one old buffer beside the new ones. Not shared between
 * threads.
 */
final class OrtKvCache implements KvCache {
    /** Growth rounds capacities up to a multiple of this. */
    private static final int GROWTH_STEP = 64;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtInferenceModel owner;
    private final int batch;
    private final int heads;
    private final int headDim;
    /** Bytes of one position of one row and head: {@code head_dim · element bytes}. */
    private final int slotBytes;
    private final OnnxJavaType type;
    private final OrtStepBuffers buffers;
    private final ByteBuffer[] store;
    private final ByteBuffer[] scratch;
    private final OnnxTensor[] pastViews;
    private final OnnxTensor[] newViews;
    private int scratchPositions;
    private int capacity;
    private int expected;
    private int length;
    /** Whether the open views write the new keys/values straight into {@link #store} (a prefill). */
    private boolean inPlace;
    private boolean closed;

    OrtKvCache(OrtInferenceModel owner, OnnxSignature signature, int batch, int heads, int headDim, long vocab) {
        if (batch < 1) {
            throw new IllegalArgumentException("a KV cache needs at least one row, got " + batch);
        }
        this.owner = owner;
        this.batch = batch;
        this.heads = heads;
        this.headDim = headDim;
        this.slotBytes = headDim * signature.cacheElementBytes();
        this.type = signature.cacheType() == OnnxSignature.FLOAT16 ? OnnxJavaType.FLOAT16 : OnnxJavaType.FLOAT;
        try {
            this.buffers = new OrtStepBuffers(signature, batch, vocab);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot allocate the run buffers: " + e.getMessage(), e);
        }
        int tensors = buffers.pastNames().length;
        this.store = new ByteBuffer[tensors];
        this.scratch = new ByteBuffer[tensors];
        this.pastViews = new OnnxTensor[tensors];
        this.newViews = new OnnxTensor[tensors];
    }

    boolean ownedBy(OrtInferenceModel model) {
        return owner == model;
    }

    /** The positions a run after the first reserves at least (the caller's expected prompt plus new tokens). */
    void expect(int positions) {
        expected = positions;
    }

    /**
     * Makes room for {@code r}'s new positions and returns the inputs of its run: the step buffers
     * (the attention bias widened to the capacity) and a view of each cache as its {@code past_*}
     * tensor. Call {@link #outputs} for the outputs, then {@link #advance} after the run or
     * {@link #release} when it fails.
     */
    Map<String, OnnxTensorLike> inputs(ForwardRequest r) throws OrtException {
        checkOpen();
        int q = r.queryLen();
        boolean place = length == 0;
        if (place) {
            resize(q);
        } else {
            reserve(length + q);
            if (scratchPositions != q) {
                release();
                for (int i = 0; i < scratch.length; i++) {
                    DirectBuffers.free(scratch[i]);
                    scratch[i] = DirectBuffers.allocate((long) batch * heads * q * slotBytes, "the KV cache's step outputs");
                }
                scratchPositions = q;
            }
        }
        int pastLen = place ? 0 : capacity;
        if (pastViews[0] == null) {
            // closed wherever a buffer they view is replaced (resize, new scratch), so kept from step to step
            for (int i = 0; i < store.length; i++) {
                pastViews[i] = view(place ? store[i].slice(0, 0) : store[i], pastLen);
                newViews[i] = view(place ? store[i] : scratch[i], q);
            }
            inPlace = place;
        }
        return buffers.inputs(r, pastViews, pastLen, length);
    }

    /** The outputs of the run {@link #inputs} prepared: the logits buffers and where the new keys/values go. */
    Map<String, OnnxValue> outputs() {
        return buffers.outputs(newViews);
    }

    /** The buffers runs of this cache read and write. */
    OrtStepBuffers buffers() {
        return buffers;
    }

    /** Takes the last run's {@code tokens} new positions into the cache. */
    void advance(int tokens) {
        if (!inPlace) {
            int rowBytes = tokens * slotBytes;
            for (int i = 0; i < store.length; i++) {
                for (int bh = 0; bh < batch * heads; bh++) {
                    store[i].put(offset(bh, length), scratch[i], bh * rowBytes, rowBytes);
                }
            }
        }
        length += tokens;
    }

    /** Closes the views {@link #inputs} made (the next call makes them again). */
    void release() {
        for (int i = 0; i < store.length; i++) {
            closeView(pastViews, i);
            closeView(newViews, i);
        }
    }

    /** The buffer of cache tensor {@code tensor} (in {@link OrtStepBuffers#pastNames()} order), for {@link OrtKvCacheGather}. */
    ByteBuffer buffer(int tensor) {
        checkOpen();
        return store[tensor];
    }

    /** The byte offset of position {@code position} of row-and-head {@code bh} ({@code row · heads + head}). */
    int offset(int bh, int position) {
        return Math.toIntExact(((long) bh * capacity + position) * slotBytes);
    }

    /** Bytes of one position of one row and head. */
    int slotBytes() {
        return slotBytes;
    }

    int heads() {
        return heads;
    }

    /** Makes the cache hold {@code positions} filled positions (a gathered cache, its buffers filled by the caller). */
    void startAt(int positions) {
        length = positions;
    }

    /**
     * Grows every buffer to hold at least {@code positions} positions: exactly the expected
     * positions while they suffice, else a quarter more than now (rounded up to 64) or what is
     * needed, whichever is more.
     */
    void reserve(int positions) {
        if (positions <= capacity) {
            return;
        }
        long quarterMore = (capacity + capacity / 4L + GROWTH_STEP - 1) / GROWTH_STEP * GROWTH_STEP;
        long grown = positions <= expected ? expected : Math.max(positions, capacity == 0 ? 0 : quarterMore);
        resize((int) Math.min(Integer.MAX_VALUE, grown));
    }

    /** Replaces every buffer, one at a time, by one of {@code positions} positions holding the filled ones. */
    private void resize(int positions) {
        if (positions == capacity) {
            return;
        }
        release(); // the views see the buffers about to be freed
        int filled = Math.min(length, positions);
        for (int i = 0; i < store.length; i++) {
            ByteBuffer next = DirectBuffers.allocate((long) batch * heads * positions * slotBytes, "the KV cache ("
                    + store.length + " tensors of " + batch + " × " + heads + " × " + positions + " positions × "
                    + slotBytes + " bytes)");
            if (store[i] != null) {
                for (int bh = 0; bh < batch * heads; bh++) {
                    next.put(bh * positions * slotBytes, store[i], offset(bh, 0), filled * slotBytes);
                }
                DirectBuffers.free(store[i]);
            }
            store[i] = next;
        }
        capacity = positions;
    }

    private OnnxTensor view(ByteBuffer data, int positions) throws OrtException {
        return OnnxTensor.createTensor(env, data, new long[] {batch, heads, positions, headDim}, type);
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

    /** Bytes the cache buffers hold: {@code capacity ≥ length} positions (the room reserved, used or not). */
    @Override
    public long bytes() {
        return (long) store.length * batch * heads * capacity * slotBytes;
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
                DirectBuffers.free(scratch[i]);
                store[i] = null;
                scratch[i] = null;
            }
        }
    }
}
