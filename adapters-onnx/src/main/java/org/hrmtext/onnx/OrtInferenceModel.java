package org.hrmtext.onnx;

import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
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
    private final LongAdder runNanos = new LongAdder();
    /** Run options of a prefill when the arena is to shrink after it ({@link OrtTuning}); null otherwise. */
    private final OrtSession.RunOptions prefillRun;
    private volatile boolean closed;

    OrtInferenceModel(ModelConfig config, OrtSession session, OnnxSignature signature, Runnable cleanup) {
        this.config = config;
        this.session = session;
        this.signature = signature;
        this.cleanup = cleanup;
        this.prefillRun = OrtTuning.fromSystemProperties().shrinkArenaAfterPrefill() ? shrinking() : null;
    }

    private static OrtSession.RunOptions shrinking() {
        try {
            OrtSession.RunOptions run = new OrtSession.RunOptions();
            run.addRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
            return run;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot set arena shrinkage: " + e.getMessage(), e);
        }
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public KvCache newCache(int batch) {
        return newCache(batch, 0);
    }

    /** A cache whose first run reserves at least {@code positions} positions (see {@link OrtKvCache}). */
    @Override
    public KvCache newCache(int batch, int positions) {
        checkOpen();
        if (positions < 0) {
            throw new IllegalArgumentException("a KV cache cannot expect " + positions + " positions");
        }
        OrtKvCache cache = new OrtKvCache(this, signature, batch, config.numAttentionHeads(), config.headDim(),
                config.vocabSize());
        cache.expect(positions);
        return cache;
    }

    @Override
    public ForwardResult forward(KvCache cache, ForwardRequest request) {
        checkOpen();
        if (!(cache instanceof OrtKvCache) || !((OrtKvCache) cache).ownedBy(this)) {
            throw new IllegalArgumentException("the KV cache was not made by this ONNX Runtime model");
        }
        OrtKvCache kv = (OrtKvCache) cache;
        check(kv, request);
        try {
            Map<String, OnnxTensorLike> inputs = kv.inputs(request);
            OrtStepBuffers buffers = kv.buffers();
            long start = System.nanoTime();
            try (OrtSession.Result ignored = prefillRun != null && request.queryLen() > 1
                    ? session.run(inputs, Set.of(), kv.outputs(), prefillRun)
                    : session.run(inputs, Set.of(), kv.outputs())) {
                runNanos.add(System.nanoTime() - start);
            }
            ForwardResult out = new ForwardResult(buffers.logits(), buffers.firstLogits());
            kv.advance(request.queryLen());
            return out;
        } catch (OrtException e) {
            kv.release();
            throw new IllegalStateException("ONNX Runtime forward failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            kv.release();
            throw e;
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
        OrtKvCache gathered = new OrtKvCache(this, signature, rows.size(), heads, headDim, config.vocabSize());
        try {
            OrtKvCacheGather.fill(gathered, rows, length);
            return gathered;
        } catch (RuntimeException e) {
            gathered.close();
            throw e;
        }
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

    /** Nanoseconds spent inside {@code OrtSession.run} by all forwards so far (the rest of a forward is Java-side overhead). */
    long runNanos() {
        return runNanos.sum();
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
                if (prefillRun != null) {
                    prefillRun.close();
                }
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
            } finally {
                cleanup.run();
            }
        }
    }
}
