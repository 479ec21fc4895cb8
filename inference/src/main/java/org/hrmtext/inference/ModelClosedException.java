package org.hrmtext.inference;

import org.hrmtext.domain.PublicApi;

/**
 * Thrown by a generation that cannot run because its model is closed: one started after
 * {@link HrmTextModel#close()} was called, or one in flight when it was called, cancelled before
 * its next forward pass. The model's native memory is freed only after every such generation has
 * left, so catching this exception is always safe.
 */
@PublicApi
public final class ModelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ModelClosedException(String message) {
        super(message);
    }
}
