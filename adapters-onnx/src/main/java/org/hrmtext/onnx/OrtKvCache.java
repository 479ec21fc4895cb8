package org.hrmtext.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Map;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.KvCache;

/**
 * The key/value caches of one generation request in ONNX Runtime memory: the present tensors of
 * the last run, fed back as the next run's past tensors without a copy into Java. Replacing them
 * closes the previous run's result. Before the first run every past tensor is one shared
 * zero-length tensor {@code [batch, heads, 0, head_dim]}, of the model's cache element type
 * (float32, or float16 for a model exported with {@code --kv-dtype f16}). The other inputs and the
 * logits live in {@link OrtStepBuffers} reused from run to run. Not shared between threads.
 */
final class OrtKvCache implements KvCache {
    private final OrtInferenceModel owner;
    private final OnnxSignature signature;
    private final int batch;
    private final long bytesPerPosition;
    private final OnnxTensor empty;
    private final OrtStepBuffers buffers;
    private final OnnxTensorLike[] past;
    private OrtSession.Result last;
    /** Gathered tensors by present name, fed as the past of the first run, then closed; null otherwise. */
    private Map<String, OnnxTensor> seeded;
    private int length;
    private boolean closed;

    OrtKvCache(OrtInferenceModel owner, OnnxSignature signature, int batch, int heads, int headDim, long vocab) {
        if (batch < 1) {
            throw new IllegalArgumentException("a KV cache needs at least one row, got " + batch);
        }
        this.owner = owner;
        this.signature = signature;
        this.batch = batch;
        this.bytesPerPosition = 2L * signature.calls() * signature.layers() * batch * heads * headDim
                * signature.cacheElementBytes();
        OnnxTensor emptyTensor = null;
        try {
            emptyTensor = emptyCache(signature.cacheType(), new long[] {batch, heads, 0, headDim});
            this.buffers = new OrtStepBuffers(signature, batch, vocab);
        } catch (OrtException e) {
            if (emptyTensor != null) {
                emptyTensor.close();
            }
            throw new IllegalStateException("ONNX Runtime cannot allocate the run buffers: " + e.getMessage(), e);
        }
        this.empty = emptyTensor;
        this.past = new OnnxTensorLike[buffers.presentNames().length];
    }

    /** A cache of {@code length} positions starting from gathered tensors (see {@link OrtKvCacheGather}). */
    OrtKvCache(OrtInferenceModel owner, OnnxSignature signature, int batch, int heads, int headDim, long vocab,
            Map<String, OnnxTensor> seeded, int length) {
        this(owner, signature, batch, heads, headDim, vocab);
        this.seeded = seeded;
        this.length = length;
    }

    /** The zero-length past tensor of the cache's element type (float32 or float16). */
    private static OnnxTensor emptyCache(int cacheType, long[] shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        return cacheType == OnnxSignature.FLOAT16
                ? OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), shape, OnnxJavaType.FLOAT16)
                : OnnxTensor.createTensor(env, FloatBuffer.allocate(0), shape);
    }

    boolean ownedBy(OrtInferenceModel model) {
        return owner == model;
    }

    /**
     * The inputs of a run of {@code r} (in this cache's reused {@link OrtStepBuffers}), every
     * {@code past_*} being the last run's present tensor, the gathered start, or the empty tensor.
     */
    Map<String, OnnxTensorLike> inputs(ForwardRequest r) throws OrtException {
        checkOpen();
        String[] names = buffers.presentNames();
        for (int i = 0; i < names.length; i++) {
            past[i] = present(names[i]);
        }
        return buffers.inputs(r, past);
    }

    /** The buffers runs of this cache read and write. */
    OrtStepBuffers buffers() {
        return buffers;
    }

    /** The cache tensor of a present name: from the last run, the gathered start, or the empty tensor. */
    OnnxTensorLike present(String name) {
        checkOpen();
        if (last != null) {
            return (OnnxTensor) last.get(name).orElseThrow();
        }
        return seeded != null ? seeded.get(name) : empty;
    }

    /** Takes the result of a run over {@code tokens} new positions; its present tensors become the cache. */
    void advance(OrtSession.Result result, int tokens) {
        if (last != null) {
            last.close();
        }
        last = result;
        length += tokens;
        closeSeeded();
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public long bytes() {
        return bytesPerPosition * length;
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
            if (last != null) {
                last.close();
            }
            empty.close();
            buffers.close();
            closeSeeded();
        }
    }

    private void closeSeeded() {
        if (seeded != null) {
            seeded.values().forEach(OnnxTensor::close);
            seeded = null;
        }
    }
}
