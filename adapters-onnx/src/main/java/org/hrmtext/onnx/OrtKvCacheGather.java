package org.hrmtext.onnx;

import java.nio.ByteBuffer;
import java.util.List;
import org.hrmtext.ports.KvCacheRow;

/**
 * Fills a gathered cache (see {@link org.hrmtext.ports.InferenceModel#gather}): for every module
 * call, layer, key and value, target row {@code i} at position {@code j} takes the source row's
 * {@code positions[j]}, byte for byte (float32 or float16 alike); positions past a row's last are
 * left zero. With the time-major layout one position of one row is {@code heads · head_dim}
 * contiguous elements, copied buffer to buffer without going through a Java array.
 */
final class OrtKvCacheGather {
    private OrtKvCacheGather() {
    }

    /** Reserves {@code length} positions in {@code target} and copies {@code rows} into them. */
    static void fill(OrtKvCache target, List<KvCacheRow> rows, int length) {
        target.reserve(length);
        int rowBytes = Math.toIntExact(target.positionBytes() / target.batch());
        int tensors = target.buffers().pastNames().length;
        for (int t = 0; t < tensors; t++) {
            ByteBuffer to = target.buffer(t);
            for (int i = 0; i < rows.size(); i++) {
                KvCacheRow row = rows.get(i);
                OrtKvCache source = (OrtKvCache) row.cache();
                ByteBuffer from = source.buffer(t);
                int[] positions = row.positions();
                for (int j = 0; j < positions.length; j++) {
                    long src = ((long) positions[j] * source.batch() + row.row()) * rowBytes;
                    long dst = ((long) j * target.batch() + i) * rowBytes;
                    to.put(Math.toIntExact(dst), from, Math.toIntExact(src), rowBytes);
                }
            }
        }
        target.startAt(length);
    }
}
