package org.hrmtext.ports;

/** What a backend can do; the application checks it before asking. */
public enum BackendCapability {
    /** Train with autograd ({@link Trainer#step}) and report gradients. */
    TRAIN,
    /** Forward pass and loss ({@link Trainer#score}). */
    SCORE,
    /** Cached forward passes for generation ({@link BackendProvider#openInference}). */
    GENERATE,
    /** Writing a model to a file format ({@link BackendProvider#exporter()}). */
    EXPORT
}
