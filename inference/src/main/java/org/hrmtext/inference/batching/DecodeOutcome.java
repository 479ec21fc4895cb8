package org.hrmtext.inference.batching;

/**
 * How a request ended: its new tokens (a stop token included), why it stopped, its prompt length
 * and when its first token came (nanoseconds after submission; −1 when none came).
 */
public record DecodeOutcome(int[] tokens, FinishReason reason, int promptTokens, long firstTokenNanos) {

    public DecodeOutcome {
        tokens = tokens.clone();
    }

    /** Why a request left the batch. */
    public enum FinishReason {
        /** It produced one of its stop tokens. */
        STOP_TOKEN,
        /** It reached its {@code maxNewTokens}. */
        LENGTH,
        /** Its caller cancelled it (a stop string, a client that went away). */
        CANCELLED,
        /** Its deadline passed. */
        TIMEOUT
    }
}
