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

    /** Checks a {@link InferenceModel#gather} call: at least one row, each fitting in {@code length}. */
    public static void checkGather(java.util.List<KvCacheRow> rows, int length) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("gather: expected at least one cache row");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).positions().length > length) {
                throw new IllegalArgumentException("gather: cache row " + i + " takes " + rows.get(i).positions().length
                        + " positions, more than the gathered length " + length);
            }
        }
    }

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
