package org.hrmtext.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import org.hrmtext.domain.data.PrefixLmMask;
import org.hrmtext.ports.ForwardRequest;

/**
 * The input and output tensors of one request's runs, kept from step to step instead of made per
 * run: {@code input_ids}, {@code position_ids} and {@code logits_index} live in direct buffers
 * that ONNX Runtime reads in place (their tensors are remade only when the query length changes),
 * {@code attention_bias} in a direct buffer that grows with the keys (a tensor over it is a view,
 * no copy; the caller's bias widened to the cache's capacity), and {@code logits}/{@code first_logits} are pinned outputs that ONNX Runtime writes
 * into this object's buffers, beside the {@code new_*} views of the cache the run writes. The
 * input and output maps and the cache names are built once. Owned by one {@link OrtKvCache}, so
 * not shared between threads.
 */
final class OrtStepBuffers implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final int batch;
    private final String[] pastNames;
    private final String[] newNames;
    private final Map<String, OnnxTensorLike> inputs = new HashMap<>();
    private final LongBuffer index;
    private final OnnxTensor indexTensor;
    private final FloatBuffer logits;
    private final FloatBuffer firstLogits;
    private final Map<String, OnnxValue> pinned = new HashMap<>();
    private LongBuffer ids;
    private LongBuffer positions;
    private FloatBuffer bias;
    private OnnxTensor idsTensor;
    private OnnxTensor positionsTensor;
    private OnnxTensor biasTensor;
    private int queryLen = -1;

    OrtStepBuffers(OnnxSignature signature, int batch, long vocab) throws OrtException {
        this.batch = batch;
        int pairs = signature.calls() * signature.layers();
        pastNames = new String[2 * pairs];
        newNames = new String[2 * pairs];
        int i = 0;
        for (int c = 0; c < signature.calls(); c++) {
            for (int l = 0; l < signature.layers(); l++) {
                pastNames[i] = OnnxSignature.pastKey(c, l);
                newNames[i++] = OnnxSignature.newKey(c, l);
                pastNames[i] = OnnxSignature.pastValue(c, l);
                newNames[i++] = OnnxSignature.newValue(c, l);
            }
        }
        index = longs(batch);
        logits = floats(batch * vocab);
        firstLogits = floats(batch * vocab);
        OnnxTensor indexT = null;
        OnnxTensor logitsT = null;
        try {
            indexT = OnnxTensor.createTensor(env, index, new long[] {batch});
            logitsT = OnnxTensor.createTensor(env, logits, new long[] {batch, vocab});
            pinned.put(OnnxSignature.FIRST_LOGITS, OnnxTensor.createTensor(env, firstLogits, new long[] {batch, vocab}));
            pinned.put(OnnxSignature.LOGITS, logitsT);
        } catch (OrtException | RuntimeException e) {
            closeAll(indexT, logitsT);
            throw e;
        }
        indexTensor = indexT;
        inputs.put(OnnxSignature.LOGITS_INDEX, indexTensor);
    }

    /** The names of the past cache inputs, in the order {@link #inputs} and {@link #outputs} take their tensors. */
    String[] pastNames() {
        return pastNames;
    }

    /**
     * The outputs of a run, all written in place: {@code logits} and {@code first_logits} into this
     * object's buffers and {@code fresh[i]} as the new keys/values of {@code pastNames()[i]}.
     */
    Map<String, OnnxValue> outputs(OnnxTensor[] fresh) {
        for (int i = 0; i < newNames.length; i++) {
            pinned.put(newNames[i], fresh[i]);
        }
        return pinned;
    }

    /**
     * The input map of a run of {@code r}, with {@code past[i]} as the tensor of
     * {@code pastNames()[i]}, each {@code pastLen} positions long of which the first
     * {@code filled} are cached: {@code r}'s bias over {@code filled + query_len} keys is widened
     * to {@code pastLen + query_len}, the slots in between blocked. The map and its tensors stay
     * valid until the next call.
     */
    Map<String, OnnxTensorLike> inputs(ForwardRequest r, OnnxTensor[] past, int pastLen, int filled) throws OrtException {
        int n = batch * r.queryLen();
        if (r.queryLen() != queryLen) {
            closeAll(idsTensor, positionsTensor);
            idsTensor = null;
            positionsTensor = null;
            ids = fit(ids, n);
            positions = fit(positions, n);
            long[] shape = {batch, r.queryLen()};
            idsTensor = OnnxTensor.createTensor(env, view(ids, n), shape);
            positionsTensor = OnnxTensor.createTensor(env, view(positions, n), shape);
            queryLen = r.queryLen();
            inputs.put(OnnxSignature.INPUT_IDS, idsTensor);
            inputs.put(OnnxSignature.POSITION_IDS, positionsTensor);
        }
        ids.clear().put(r.tokens());
        positions.clear().put(r.positions());
        index.clear().put(r.logitsIndex());
        if (biasTensor != null) {
            biasTensor.close();
            biasTensor = null;
        }
        int keys = pastLen + r.queryLen();
        bias = fit(bias, n * keys);
        widen(r.attentionBias(), r.queryLen(), filled, keys, bias.clear());
        biasTensor = OnnxTensor.createTensor(env, view(bias, n * keys), new long[] {batch, 1, r.queryLen(), keys});
        inputs.put(OnnxSignature.ATTENTION_BIAS, biasTensor);
        for (int i = 0; i < pastNames.length; i++) {
            inputs.put(pastNames[i], past[i]);
        }
        return inputs;
    }

    /**
     * Writes {@code bias} ({@code [rows·q, filled + q]}) into {@code out} as {@code [rows·q, keys]}:
     * each line's first {@code filled} keys, then blocked slots up to {@code keys − q}, then its
     * {@code q} new keys.
     */
    static void widen(float[] bias, int q, int filled, int keys, FloatBuffer out) {
        int given = filled + q;
        int lines = bias.length / given;
        for (int line = 0; line < lines; line++) {
            out.put(bias, line * given, filled);
            for (int k = filled; k < keys - q; k++) {
                out.put(PrefixLmMask.BLOCKED);
            }
            out.put(bias, line * given + filled, q);
        }
    }

    /** The logits of the last run ({@code [batch, vocab]} row-major). */
    float[] logits() {
        return copy(logits);
    }

    /** The first-call logits of the last run. */
    float[] firstLogits() {
        return copy(firstLogits);
    }

    private static float[] copy(FloatBuffer buf) {
        float[] out = new float[buf.capacity()];
        buf.clear().get(out);
        return out;
    }

    /** {@code buf} if it holds {@code n} values without being far too large, else a new direct buffer with headroom. */
    private static LongBuffer fit(LongBuffer buf, int n) {
        return buf != null && buf.capacity() >= n && buf.capacity() <= 4L * n + 1024 ? buf : longs(2L * n + 256);
    }

    private static FloatBuffer fit(FloatBuffer buf, int n) {
        return buf != null && buf.capacity() >= n && buf.capacity() <= 4L * n + 1024 ? buf : floats(2L * n + 256);
    }

    private static LongBuffer view(LongBuffer buf, int n) {
        return buf.duplicate().clear().limit(n).slice();
    }

    private static FloatBuffer view(FloatBuffer buf, int n) {
        return buf.duplicate().clear().limit(n).slice();
    }

    private static LongBuffer longs(long n) {
        return ByteBuffer.allocateDirect(Math.toIntExact(n * Long.BYTES)).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    private static FloatBuffer floats(long n) {
        return ByteBuffer.allocateDirect(Math.toIntExact(n * Float.BYTES)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static void closeAll(OnnxTensor... tensors) {
        for (OnnxTensor t : tensors) {
            if (t != null) {
                t.close();
            }
        }
    }

    @Override
    public void close() {
        closeAll(idsTensor, positionsTensor, biasTensor, indexTensor);
        for (String name : newNames) {
            pinned.remove(name); // views of the cache, closed by it
        }
        pinned.values().forEach(OnnxValue::close);
        inputs.clear();
    }
}
