package org.hrmtext.inference.batching;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted request: its outcome (completed on the scheduler thread; exceptionally when its
 * forward failed) and a way to cancel it, which frees its row and cache before the next step.
 */
public final class Generation {
    private final CompletableFuture<DecodeOutcome> outcome = new CompletableFuture<>();
    private volatile boolean cancelled;

    Generation() {
    }

    public CompletableFuture<DecodeOutcome> outcome() {
        return outcome;
    }

    /** Asks the scheduler to drop this request; its outcome then ends with {@code CANCELLED}. */
    public void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
