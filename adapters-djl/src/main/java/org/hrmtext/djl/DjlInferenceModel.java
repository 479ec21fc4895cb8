package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.schedule.RecurrenceDataflow;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.KvCacheRow;

/**
 * Generation on DJL: the training forward ({@link DjlRecurrence}) with one KV cache per module
 * call and layer, no autograd. One model serves many threads, each with its own cache.
 */
final class DjlInferenceModel implements InferenceModel {
    private final NDManager manager;
    private final DjlParameters params;
    private final DjlRecurrence recurrence;
    private final RecurrenceSchedule schedule;
    private volatile boolean closed;

    DjlInferenceModel(NDManager manager, ModelWeights weights) {
        this.manager = manager;
        JniUtils.setGradMode(false);
        this.params = new DjlParameters(manager, weights, false);
        this.recurrence = new DjlRecurrence(params);
        ModelConfig config = weights.layout().config();
        this.schedule = RecurrenceSchedule.of(config, RecurrenceSchedule.ownCredit(config));
    }

    @Override
    public ModelConfig config() {
        return recurrence.config();
    }

    @Override
    public KvCache newCache(int batch) {
        checkOpen();
        return new DjlKvCache(manager, batch, schedule.calls().size(), config().numHiddenLayers());
    }

    @Override
    public ForwardResult forward(KvCache kv, ForwardRequest request) {
        checkOpen();
        if (!(kv instanceof DjlKvCache)) {
            throw new IllegalArgumentException("this cache was not made by the djl backend");
        }
        DjlKvCache cache = (DjlKvCache) kv;
        cache.checkOpen();
        int b = request.batch();
        int t = request.queryLen();
        if (b != cache.batch() || request.keyLen() != cache.length() + t) {
            throw new IllegalArgumentException("forward request: expected batch " + cache.batch() + " and a bias over "
                    + (cache.length() + t) + " keys, got batch " + b + " and " + request.keyLen() + " keys");
        }
        JniUtils.setGradMode(false);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            AttentionContext ctx = AttentionContext.of(manager, config(), b, t, request.positions(),
                    request.attentionBias(), request.keyLen());
            RecurrenceDataflow.Trace<NDArray> out = recurrence.run(manager, request.tokens(), b, t, ctx, schedule, false, cache,
                    DjlRecurrence.Taps.NONE);
            cache.advance(t);
            NDArray index = DjlArrays.longs(manager, request.logitsIndex(), new Shape(b, 1, 1))
                   .broadcast(new Shape(b, 1, config().hiddenSize()));
            float[] last = recurrence.head(out.last().gather(index, 1).reshape(b, config().hiddenSize())).toFloatArray();
            float[] first = recurrence.head(out.first().gather(index, 1).reshape(b, config().hiddenSize())).toFloatArray();
            return new ForwardResult(last, first);
        }
    }

    @Override
    public KvCache gather(List<KvCacheRow> rows, int length) {
        checkOpen();
        KvCacheRow.checkGather(rows, length);
        for (KvCacheRow row : rows) {
            if (!(row.cache() instanceof DjlKvCache)) {
                throw new IllegalArgumentException("a KV cache to gather was not made by the djl backend");
            }
            ((DjlKvCache) row.cache()).checkOpen();
        }
        return DjlKvCacheGather.gather(manager, rows, length, schedule.calls().size(), config().numHiddenLayers(),
                config().numAttentionHeads(), config().headDim());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this DJL inference model is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
