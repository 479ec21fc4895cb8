package org.hrmtext.inference;

import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;

/**
 * An {@link InferenceModel} whose {@link #close()} cannot free native memory under a running
 * generation. Every generation holds a KV cache; {@code close()} refuses new caches, cancels the
 * generations in flight at their next forward pass ({@link ModelClosedException}), waits until
 * each has closed its cache, and only then closes the backend's model (ONNX Runtime session, DJL
 * NDManager). A forward pass already running finishes first.
 */
public final class GuardedInferenceModel implements InferenceModel {
    private final InferenceModel delegate;
    private final ThreadLocal<int[]> heldHere = ThreadLocal.withInitial(() -> new int[1]);
    private int inFlight;
    private boolean closing;
    private boolean closed;

    public GuardedInferenceModel(InferenceModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public ModelConfig config() {
        return delegate.config();
    }

    @Override
    public KvCache newCache(int batch) {
        return newCache(batch, 0);
    }

    @Override
    public KvCache newCache(int batch, int positions) {
        synchronized (this) {
            if (closing) {
                throw new ModelClosedException("the model is closed; no new generation can start");
            }
            inFlight++;
        }
        try {
            KvCache cache = new GuardedCache(delegate.newCache(batch, positions));
            heldHere.get()[0]++;
            return cache;
        } catch (RuntimeException | Error e) {
            leave();
            throw e;
        }
    }

    @Override
    public ForwardResult forward(KvCache cache, ForwardRequest request) {
        if (!(cache instanceof GuardedCache guarded) || guarded.owner() != this) {
            throw new IllegalArgumentException("the KV cache was not made by this model");
        }
        synchronized (this) {
            if (closing) {
                throw new ModelClosedException("the model was closed during this generation; it was cancelled");
            }
        }
        return delegate.forward(guarded.inner, request);
    }

    /**
     * Refuses new generations, cancels those in flight and waits for them to release their
     * caches, then frees the backend's memory. Idempotent; safe from any thread except one that
     * is itself generating on this model (that is refused with {@link IllegalStateException}).
     */
    @Override
    public void close() {
        if (heldHere.get()[0] > 0) {
            throw new IllegalStateException("close() called from inside a generation on this model (e.g. a token listener); "
                    + "close it from another thread or after the generation returns");
        }
        boolean interrupted = false;
        synchronized (this) {
            closing = true;
            while (inFlight > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            delegate.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void leave() {
        inFlight--;
        notifyAll();
    }

    /** A backend cache that tells the model when its generation has left. */
    private final class GuardedCache implements KvCache {
        private final KvCache inner;
        private boolean released;

        GuardedCache(KvCache inner) {
            this.inner = inner;
        }

        GuardedInferenceModel owner() {
            return GuardedInferenceModel.this;
        }

        @Override
        public int batch() {
            return inner.batch();
        }

        @Override
        public int length() {
            return inner.length();
        }

        @Override
        public long bytes() {
            return inner.bytes();
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            try {
                inner.close();
            } finally {
                heldHere.get()[0]--;
                leave();
            }
        }
    }
}
