package org.hrmtext.inference.batching;

import org.hrmtext.domain.InvalidInputException;

/**
 * How much a {@link ContinuousBatcher} takes on: at most {@code maxBatch} requests decoding
 * together, {@code maxQueue} more waiting for a slot, a KV-cache budget in bytes for the batch
 * (rows × longest reservation × bytes per position; a gather briefly holds the old batch too),
 * and the context length (prompt + new tokens) of one request.
 */
public record BatchingSettings(int maxBatch, int maxQueue, long cacheBudgetBytes, int contextLength) {

    public BatchingSettings {
        if (maxBatch < 1) {
            throw new InvalidInputException("max-batch: expected an integer >= 1, got " + maxBatch);
        }
        if (maxQueue < 0) {
            throw new InvalidInputException("max-queue: expected an integer >= 0, got " + maxQueue);
        }
        if (cacheBudgetBytes < 1) {
            throw new InvalidInputException("cache budget: expected a positive number of bytes, got " + cacheBudgetBytes);
        }
        if (contextLength < 2) {
            throw new InvalidInputException("max-context: expected an integer >= 2, got " + contextLength);
        }
    }
}
