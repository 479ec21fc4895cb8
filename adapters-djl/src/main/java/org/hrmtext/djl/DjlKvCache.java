package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.hrmtext.ports.KvCache;

/**
 * Keys and values of one generation request on the DJL device: {@code [B, heads, length, head_dim]}
 * per module call and layer, keys after RoPE. Arrays live in the cache's own manager, outside any
 * step scope, and are replaced (old ones freed) as the cache grows.
 */
final class DjlKvCache implements KvCache {
    private final NDManager manager;
    private final int batch;
    private final NDArray[][] keys;
    private final NDArray[][] values;
    private int length;
    private boolean closed;

    DjlKvCache(NDManager parent, int batch, int calls, int layers) {
        this.manager = parent.newSubManager();
        this.batch = batch;
        this.keys = new NDArray[calls][layers];
        this.values = new NDArray[calls][layers];
    }

    /** Past keys of a call's layer, or null when the cache is empty. */
    NDArray key(int call, int layer) {
        return keys[call][layer];
    }

    NDArray value(int call, int layer) {
        return values[call][layer];
    }

    /** Stores the present keys/values (past + new) of a call's layer, freeing the past ones. */
    void put(int call, int layer, NDArray key, NDArray value) {
        NDScope.unregister(key, value);
        key.attach(manager);
        value.attach(manager);
        if (keys[call][layer] != null) {
            keys[call][layer].close();
            values[call][layer].close();
        }
        keys[call][layer] = key;
        values[call][layer] = value;
    }

    /** The manager the cache's arrays live in. */
    NDManager manager() {
        return manager;
    }

    /** Sets the starting keys/values of a call's layer, made in {@link #manager()} (a gathered cache). */
    void seed(int call, int layer, NDArray key, NDArray value) {
        keys[call][layer] = key;
        values[call][layer] = value;
    }

    void advance(int tokens) {
        length += tokens;
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
        long total = 0;
        for (int c = 0; c < keys.length; c++) {
            for (int l = 0; l < keys[c].length; l++) {
                if (keys[c][l] != null) {
                    total += 4L * (keys[c][l].size() + values[c][l].size());
                }
            }
        }
        return total;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this KV cache is closed");
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
