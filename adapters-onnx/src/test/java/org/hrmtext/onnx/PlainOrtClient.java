package org.hrmtext.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A third-party client of an exported file: nothing but the plain ONNX Runtime Java API and the
 * documented inputs and outputs (README, "ONNX export"), no class of this project. Greedy
 * decoding of one prompt: prefill with a zero attention bias (the prompt is one bidirectional
 * prefix), then one token per run, each {@code new_*} output ({@code [1, heads, new, head_dim]})
 * appended to its {@code past_*} ({@code [1, heads, past, head_dim]}) along the time axis, head by
 * head, for the next run; every {@code past_*} starts empty, of the type the file declares
 * (float32 or float16).
 *
 * <pre>
 * java -cp onnxruntime.jar:test-classes org.hrmtext.onnx.PlainOrtClient model.onnx 1,4,12 8
 * </pre>
 */
public final class PlainOrtClient {
    private PlainOrtClient() {
    }

    public static void main(String[] args) throws OrtException {
        long[] prompt = Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        System.out.println(Arrays.toString(greedy(args[0], prompt, Integer.parseInt(args[2]))));
    }

    /** The first {@code n} greedy tokens after {@code prompt}. */
    static int[] greedy(String file, long[] prompt, int n) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(file, so)) {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            int[] out = new int[n];
            Map<String, byte[]> cache = new HashMap<>();
            List<OnnxTensor> owned = new ArrayList<>();
            try {
                long[] tokens = prompt;
                int past = 0;
                for (int s = 0; s < n; s++) {
                    int t = tokens.length;
                    long[] positions = new long[t];
                    for (int i = 0; i < t; i++) {
                        positions[i] = past + i;
                    }
                    Map<String, OnnxTensor> feed = new HashMap<>();
                    feed.put("input_ids", own(owned, OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[] {1, t})));
                    feed.put("position_ids", own(owned, OnnxTensor.createTensor(env, LongBuffer.wrap(positions),
                            new long[] {1, t})));
                    feed.put("attention_bias", own(owned, OnnxTensor.createTensor(env,
                            FloatBuffer.wrap(new float[t * (past + t)]), new long[] {1, 1, t, past + t})));
                    feed.put("logits_index", own(owned, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {t - 1}),
                            new long[] {1})));
                    for (Map.Entry<String, NodeInfo> e : inputs.entrySet()) {
                        if (e.getKey().startsWith("past_")) {
                            TensorInfo info = (TensorInfo) e.getValue().getInfo();
                            long[] shape = {1, info.getShape()[1], past, info.getShape()[3]};
                            byte[] bytes = cache.getOrDefault(e.getKey(), new byte[0]);
                            ByteBuffer data = ByteBuffer.allocateDirect(bytes.length).put(bytes).rewind();
                            feed.put(e.getKey(), own(owned, OnnxTensor.createTensor(env, data, shape, info.type)));
                        }
                    }
                    try (OrtSession.Result r = session.run(feed)) {
                        float[] logits = ((float[][]) r.get("logits").orElseThrow().getValue())[0];
                        int best = 0;
                        for (int v = 1; v < logits.length; v++) {
                            if (logits[v] > logits[best]) {
                                best = v;
                            }
                        }
                        out[s] = best;
                        for (Map.Entry<String, NodeInfo> e : inputs.entrySet()) {
                            if (e.getKey().startsWith("past_")) {
                                int heads = (int) ((TensorInfo) e.getValue().getInfo()).getShape()[1];
                                ByteBuffer fresh = ((OnnxTensor) r.get(e.getKey().replace("past_", "new_")).orElseThrow())
                                        .getByteBuffer();
                                cache.put(e.getKey(), appendPerHead(cache.getOrDefault(e.getKey(), new byte[0]), fresh, heads));
                            }
                        }
                        past += t;
                        tokens = new long[] {best};
                    }
                    owned.forEach(OnnxTensor::close);
                    owned.clear();
                }
            } finally {
                owned.forEach(OnnxTensor::close);
            }
            return out;
        }
    }

    /** {@code [heads, past, d]} bytes followed along the time axis by {@code [heads, new, d]} bytes. */
    private static byte[] appendPerHead(byte[] before, ByteBuffer fresh, int heads) {
        int oldRow = before.length / heads;
        int newRow = fresh.remaining() / heads;
        byte[] after = new byte[before.length + fresh.remaining()];
        for (int h = 0; h < heads; h++) {
            System.arraycopy(before, h * oldRow, after, h * (oldRow + newRow), oldRow);
            fresh.get(after, h * (oldRow + newRow) + oldRow, newRow);
        }
        return after;
    }

    private static OnnxTensor own(List<OnnxTensor> owned, OnnxTensor t) {
        owned.add(t);
        return t;
    }
}
