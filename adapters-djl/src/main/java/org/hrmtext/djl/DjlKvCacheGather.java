package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.ports.KvCacheRow;

/**
 * Fills a new {@link DjlKvCache} from rows of existing ones (see
 * {@link org.hrmtext.ports.InferenceModel#gather}): per module call and layer, keys and values
 * {@code [rows, heads, length, head_dim]} with each row's chosen positions first and zeros after.
 */
final class DjlKvCacheGather {
    private DjlKvCacheGather() {
    }

    static DjlKvCache gather(NDManager parent, List<KvCacheRow> rows, int length, int calls, int layers, int heads,
            int headDim) {
        DjlKvCache out = new DjlKvCache(parent, rows.size(), calls, layers);
        try {
            if (length > 0) {
                for (int c = 0; c < calls; c++) {
                    for (int l = 0; l < layers; l++) {
                        NDArray key = gather(out.manager(), rows, length, heads, headDim, c, l, true);
                        NDArray value = gather(out.manager(), rows, length, heads, headDim, c, l, false);
                        out.seed(c, l, key, value);
                    }
                }
            }
            out.advance(length);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static NDArray gather(NDManager manager, List<KvCacheRow> rows, int length, int heads, int headDim,
            int call, int layer, boolean keys) {
        float[] target = new float[rows.size() * heads * length * headDim];
        Map<DjlKvCache, float[]> read = new IdentityHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            KvCacheRow row = rows.get(i);
            DjlKvCache source = (DjlKvCache) row.cache();
            if (row.positions().length == 0) {
                continue;
            }
            float[] data = read.computeIfAbsent(source,
                    s -> (keys ? s.key(call, layer) : s.value(call, layer)).toFloatArray());
            int sourceLength = source.length();
            for (int h = 0; h < heads; h++) {
                for (int j = 0; j < row.positions().length; j++) {
                    int from = ((row.row() * heads + h) * sourceLength + row.positions()[j]) * headDim;
                    System.arraycopy(data, from, target, ((i * heads + h) * length + j) * headDim, headDim);
                }
            }
        }
        return manager.create(target, new Shape(rows.size(), heads, length, headDim));
    }
}
