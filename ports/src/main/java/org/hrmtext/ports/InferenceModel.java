package org.hrmtext.ports;

import java.util.List;
import org.hrmtext.domain.config.ModelConfig;

/**
 * A model loaded for generation: runs cached forward passes over the domain's recurrence
 * schedule, one KV cache per module call and layer. One instance serves many threads, each with
 * its own {@link KvCache}. Holds native memory: close it.
 */
public interface InferenceModel extends AutoCloseable {

    ModelConfig config();

    /** An empty cache for {@code batch} rows. */
    KvCache newCache(int batch);

    /**
     * An empty cache for {@code batch} rows that expects to hold about {@code positions} positions
     * (prompt plus new tokens): a backend may reserve that room at once instead of growing into it
     * (the cache still grows past it). By default the hint is ignored.
     */
    default KvCache newCache(int batch, int positions) {
        return newCache(batch);
    }

    /** Runs the new tokens through every module call, appending their keys and values to the cache. */
    ForwardResult forward(KvCache cache, ForwardRequest request);

    /**
     * A new cache of {@code rows.size()} rows and {@code length} positions: row {@code i} holds the
     * keys and values of {@code rows.get(i).positions()} of its source row at positions
     * {@code [0, n_i)}, in that order, and zeros from {@code n_i} to {@code length} (which the
     * caller's attention bias must block). The sources stay as they were. Attention does not
     * depend on where a key sits (keys carry their rotary position), so a later
     * {@link #forward} over the new cache with per-row biases decodes every row as its own cache
     * would: this is the batched decode step of continuous batching.
     */
    default KvCache gather(List<KvCacheRow> rows, int length) {
        throw new UnsupportedOperationException("this backend's inference model cannot gather KV cache rows "
                + "(continuous batching needs it)");
    }

    @Override
    void close();
}
