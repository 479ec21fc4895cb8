package org.hrmtext.ports;

/**
 * The key/value caches of one generation request: one pair per module call per layer, each
 * holding {@code length} positions of every row (the layout is the backend's). Owned by the
 * backend that made it; closing frees its memory. Not shared between threads.
 */
public interface KvCache extends AutoCloseable {

    /** Rows (prompts) in this cache. */
    int batch();

    /** Cached positions so far (the same for every call, layer and row). */
    int length();

    /** Bytes held by all keys and values, including room a backend has reserved for positions to come. */
    long bytes();

    @Override
    void close();
}
