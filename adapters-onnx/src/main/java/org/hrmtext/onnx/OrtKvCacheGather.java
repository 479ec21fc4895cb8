package org.hrmtext.onnx;

import java.nio.ByteBuffer;
import java.util.List;
import org.hrmtext.ports.KvCacheRow;

/**
 * Fills a gathered cache (see {@link org.hrmtext.ports.InferenceModel#gather}): for every module
 * call, layer, key and value, target row {@code i} at position {@code j} takes the source row's
 * {@code positions[j]} for every head, byte for byte (float32 or float16 alike); positions past a
 * row's last are left zero. One position of one row and head is {@code head_dim} contiguous
 * elements, copied buffer to buffer without going through a Java array.
 */
final class OrtKvCacheGather {
    private OrtKvCacheGather() {
    }

    /** Reserves {@code length} positions in {@code target} and copies {@code rows} into them. */
    static void fill(OrtKvCache target, List<KvCacheRow> rows, int length) {
        target.reserve(length);
        int slot = target.slotBytes();
        int heads = target.heads();
        int tensors = target.buffers().pastNames().length;
        for (int t = 0; t < tensors; t++) {
            ByteBuffer to = target.buffer(t);
            for (int i = 0; i < rows.size(); i++) {
                KvCacheRow row = rows.get(i);
                OrtKvCache source = (OrtKvCache) row.cache();
                ByteBuffer from = source.buffer(t);
                int[] positions = row.positions();
                for (int h = 0; h < heads; h++) {
                    for (int j = 0; j < positions.length; j++) {
                        to.put(target.offset(i * heads + h, j), from, source.offset(row.row() * heads + h, positions[j]), slot);
                    }
                }
            }
        }
        target.startAt(length);
    }
}
