package org.hrmtext.inference.batching;

/** The batcher's queue is full (or it is shutting down): try again later. */
public final class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(String message) {
        super(message);
    }
}
