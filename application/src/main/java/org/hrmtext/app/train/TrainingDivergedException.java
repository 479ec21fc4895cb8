package org.hrmtext.app.train;

/**
 * A training step whose loss or gradients were not finite. The backend applied no update, no
 * checkpoint was written for it, and the message names the step and the last good checkpoint.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
