package org.hrmtext.ports;

/**
 * One row of an existing cache and which of its cached positions to take, in order: the unit
 * {@link InferenceModel#gather} builds a new batch from (continuous batching merges requests'
 * caches into one batch and drops finished rows with it).
 *
 * @param cache a cache made by the same model
 * @param row the row of {@code cache}
 * @param positions cached positions of that row, each in {@code [0, cache.length())}
 */
public record KvCacheRow(KvCache cache, int row, int[] positions) {

    public KvCacheRow {
        if (row < 0 || row >= cache.batch()) {
            throw new IllegalArgumentException("cache row " + row + " is outside [0, " + cache.batch() + ")");
        }
        positions = positions.clone();
        for (int p : positions) {
            if (p < 0 || p >= cache.length()) {
                throw new IllegalArgumentException("cached position " + p + " is outside [0, " + cache.length() + ")");
            }
        }
    }
}
