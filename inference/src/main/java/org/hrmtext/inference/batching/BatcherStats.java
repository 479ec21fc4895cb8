package org.hrmtext.inference.batching;

/**
 * A snapshot of a batcher: requests waiting for a slot, requests decoding, bytes held by the batch
 * cache, and the totals of decode steps and of the rows they decoded.
 */
public record BatcherStats(int queued, int active, long cacheBytes, long steps, long decodedRows) {
}
