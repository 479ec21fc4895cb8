package org.hrmtext.ports;

/**
 * The key/value caches of one generation request: one pair per module call per layer, each
 * {@code [batch, heads, length, head_dim]}, all of the same length. Owned by the backend that
 * made it; closing frees its memory. Not shared between threads.
 */
public interface KvCache extends AutoCloseable {

    /** Rows (prompts) in this cache. */
    int batch();

    /** Cached positions so far (the same for every call, layer and row). */
    int length();

    /** Bytes held by all keys and values. */
    long bytes();

    @Override
    void close();
}
