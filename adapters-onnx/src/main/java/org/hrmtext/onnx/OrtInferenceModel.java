package org.hrmtext.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.KvCacheRow;

/**
 * An exported model running in ONNX Runtime. One session serves every thread (ONNX Runtime runs
 * are thread-safe); each request keeps its caches in its own {@link OrtKvCache}. Opened by
 * {@link OrtModelLoader}; closing it ends the session and removes a temporary export.
 */
final class OrtInferenceModel implements InferenceModel {
    private final ModelConfig config;
    private final OrtSession session;
    private final OnnxSignature signature;
    private final Runnable cleanup;
    private volatile boolean closed;

    OrtInferenceModel(ModelConfig config, OrtSession session, OnnxSignature signature, Runnable cleanup) {
        this.config = config;
        this.session = session;
        this.signature = signature;
        this.cleanup = cleanup;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public KvCache newCache(int batch) {
        checkOpen();
        return new OrtKvCache(this, signature, batch, config.numAttentionHeads(), config.headDim());
    }

    @Override
    public ForwardResult forward(KvCache cache, ForwardRequest request) {
        checkOpen();
        if (!(cache instanceof OrtKvCache) || !((OrtKvCache) cache).ownedBy(this)) {
            throw new IllegalArgumentException("the KV cache was not made by this ONNX Runtime model");
        }
        OrtKvCache kv = (OrtKvCache) cache;
        check(kv, request);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long b = request.batch();
        long t = request.queryLen();
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(request.tokens()), new long[] {b, t});
                OnnxTensor pos = OnnxTensor.createTensor(env, LongBuffer.wrap(request.positions()), new long[] {b, t});
                OnnxTensor bias = OnnxTensor.createTensor(env, FloatBuffer.wrap(request.attentionBias()),
                        new long[] {b, 1, t, request.keyLen()});
                OnnxTensor index = OnnxTensor.createTensor(env, LongBuffer.wrap(request.logitsIndex()), new long[] {b})) {
            Map<String, OnnxTensorLike> inputs = new HashMap<>();
            inputs.put(OnnxSignature.INPUT_IDS, ids);
            inputs.put(OnnxSignature.POSITION_IDS, pos);
            inputs.put(OnnxSignature.ATTENTION_BIAS, bias);
            inputs.put(OnnxSignature.LOGITS_INDEX, index);
            kv.addPast(inputs);
            OrtSession.Result result = session.run(inputs);
            try {
                ForwardResult out = new ForwardResult(floats(result, OnnxSignature.LOGITS),
                        floats(result, OnnxSignature.FIRST_LOGITS));
                kv.advance(result, request.queryLen());
                return out;
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime forward failed: " + e.getMessage(), e);
        }
    }

    @Override
    public KvCache gather(List<KvCacheRow> rows, int length) {
        checkOpen();
        KvCacheRow.checkGather(rows, length);
        for (KvCacheRow row : rows) {
            if (!(row.cache() instanceof OrtKvCache) || !((OrtKvCache) row.cache()).ownedBy(this)) {
                throw new IllegalArgumentException("a KV cache to gather was not made by this ONNX Runtime model");
            }
        }
        int heads = config.numAttentionHeads();
        int headDim = config.headDim();
        return new OrtKvCache(this, signature, rows.size(), heads, headDim,
                OrtKvCacheGather.tensors(signature, rows, length, heads, headDim), length);
    }

    private void check(OrtKvCache kv, ForwardRequest r) {
        if (r.batch() != kv.batch()) {
            throw new IllegalArgumentException("forward request has " + r.batch() + " rows but the cache has " + kv.batch());
        }
        if (r.keyLen() != kv.length() + r.queryLen()) {
            throw new IllegalArgumentException("attention bias covers " + r.keyLen() + " keys; expected cache length "
                    + kv.length() + " + query length " + r.queryLen());
        }
        for (long id : r.tokens()) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new InvalidInputException("token id " + id + " is outside the vocabulary [0, " + config.vocabSize() + ")");
            }
        }
        for (long i : r.logitsIndex()) {
            if (i < 0 || i >= r.queryLen()) {
                throw new IllegalArgumentException("logits index " + i + " is outside the query [0, " + r.queryLen() + ")");
            }
        }
    }

    private static float[] floats(OrtSession.Result result, String name) {
        FloatBuffer buf = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] out = new float[buf.remaining()];
        buf.get(out);
        return out;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this ONNX Runtime model is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
            } finally {
                cleanup.run();
            }
        }
    }
}
