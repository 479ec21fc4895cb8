package org.hrmtext.ports;

/** What a backend can do; the application checks it before asking. */
public enum BackendCapability {
    /** Train with autograd ({@link Trainer#step}) and report gradients. */
    TRAIN,
    /** Forward pass and loss ({@link Trainer#score}). */
    SCORE
}
