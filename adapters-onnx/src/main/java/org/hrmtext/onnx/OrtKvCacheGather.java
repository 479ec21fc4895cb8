package org.hrmtext.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.ports.KvCacheRow;

/**
 * Builds the tensors of a gathered cache (see {@link org.hrmtext.ports.InferenceModel#gather}):
 * for every module call, layer, key and value a direct buffer {@code [rows, heads, length,
 * head_dim]} filled from the source rows' chosen positions, zeros elsewhere. Each source tensor
 * is read into Java once per name however many rows come from it.
 */
final class OrtKvCacheGather {
    private OrtKvCacheGather() {
    }

    /** The present-tensor name → gathered tensor map a new {@link OrtKvCache} starts from. */
    static Map<String, OnnxTensor> tensors(OnnxSignature signature, List<KvCacheRow> rows, int length, int heads,
            int headDim) {
        Map<String, OnnxTensor> out = new LinkedHashMap<>();
        try {
            for (int c = 0; c < signature.calls(); c++) {
                for (int l = 0; l < signature.layers(); l++) {
                    for (String name : List.of(OnnxSignature.presentKey(c, l), OnnxSignature.presentValue(c, l))) {
                        out.put(name, gather(name, rows, length, heads, headDim));
                    }
                }
            }
            return out;
        } catch (OrtException | RuntimeException e) {
            out.values().forEach(OnnxTensor::close);
            throw e instanceof OrtException ? new IllegalStateException("ONNX Runtime cannot gather the KV cache: "
                    + e.getMessage(), e) : (RuntimeException) e;
        }
    }

    private static OnnxTensor gather(String name, List<KvCacheRow> rows, int length, int heads, int headDim)
            throws OrtException {
        int rowFloats = heads * length * headDim;
        FloatBuffer target = ByteBuffer.allocateDirect(rows.size() * rowFloats * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        Map<OrtKvCache, float[]> read = new IdentityHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            KvCacheRow row = rows.get(i);
            OrtKvCache source = (OrtKvCache) row.cache();
            float[] data = read.computeIfAbsent(source, s -> floats(s.present(name)));
            int sourceLength = source.length();
            for (int h = 0; h < heads; h++) {
                for (int j = 0; j < row.positions().length; j++) {
                    int from = ((row.row() * heads + h) * sourceLength + row.positions()[j]) * headDim;
                    target.position((i * heads + h) * length * headDim + j * headDim);
                    target.put(data, from, headDim);
                }
            }
        }
        target.rewind();
        return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), target,
                new long[] {rows.size(), heads, length, headDim});
    }

    private static float[] floats(OnnxTensorLike tensor) {
        FloatBuffer buf = ((OnnxTensor) tensor).getFloatBuffer();
        if (buf == null) {
            throw new IllegalStateException("the KV cache tensors are not float32; gathering needs float32 caches");
        }
        float[] out = new float[buf.remaining()];
        buf.get(out);
        return out;
    }
}
