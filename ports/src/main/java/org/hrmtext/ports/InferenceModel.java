package org.hrmtext.ports;

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

    /** Runs the new tokens through every module call, appending their keys and values to the cache. */
    ForwardResult forward(KvCache cache, ForwardRequest request);

    @Override
    void close();
}
