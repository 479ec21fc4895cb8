package org.hrmtext.onnx;

import static org.hrmtext.onnx.OnnxGraph.attr;

import java.util.List;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.StackId;

/**
 * Writes the nodes of one module call: each pre-norm block
 * {@code x += o_proj(sigmoid(gate) · Attn(rope(q), rope(k), v)); x += down(silu(gate) · up)} over
 * {@code rms(x)}, then MagicNorm (one more scale-free rms). Each layer's attention emits only the
 * new keys (after RoPE) and values of its call as outputs and attends over the past ones and the
 * new ones side by side (scores against each, one softmax over both, the two weighted sums added):
 * the cache is only read, never concatenated or copied, and the caller keeps its one copy and
 * appends the new entries to it (float32, or float16 cast up for attention). Projections are written
 * by {@link OnnxProjections} (MatMul, or MatMulNBits for quantized weights).
 *
 * <p>{@code rms} is written as {@code Pow(x, 2) → ReduceMean → Add(eps) → Sqrt → Div → Mul(ones)}:
 * the pattern ONNX Runtime fuses into one SimplifiedLayerNormalization kernel (the fusion needs the
 * final scale, which HRM-Text's norm does not have, hence a shared vector of ones).
 */
final class OnnxBlockWriter {
    /** Name of the shared all-ones norm scale. */
    static final String NORM_SCALE = "rms_norm.scale";

    private final OnnxGraph g;
    private final ModelConfig config;
    private final OnnxRotary rotary;
    private final String bias;
    private final OnnxProjections projections;
    private final boolean halfCache;
    /** The graph's one {@link #keySplit()} node output, made on first use. */
    private String keySplit;

    OnnxBlockWriter(OnnxGraph g, ModelConfig config, OnnxRotary rotary, String bias, OnnxProjections projections,
            int cacheType) {
        this.g = g;
        this.config = config;
        this.rotary = rotary;
        this.bias = bias;
        this.projections = projections;
        this.halfCache = cacheType == OnnxSignature.FLOAT16;
    }

    /** Runs {@code stack} on {@code x} ({@code [batch, query_len, hidden]}) as module call {@code call}. */
    String call(StackId stack, int call, String x) {
        String h = x;
        for (int l = 0; l < config.numHiddenLayers(); l++) {
            String layer = ParameterNames.layer(stack, l);
            g.scope("call" + call + ".layer" + l + ".attn");
            h = g.op("Add", List.of(h, attention(layer, call, l, rms(h))));
            g.scope("call" + call + ".layer" + l + ".mlp");
            h = g.op("Add", List.of(h, mlp(layer, rms(h))));
        }
        g.scope("call" + call + ".magic_norm");
        return rms(h);
    }

    private String rms(String x) {
        String square = g.op("Pow", List.of(x, g.scalar(2f)));
        String mean = g.op("ReduceMean", List.of(square), attr("axes", new long[] {-1}), attr("keepdims", 1));
        String std = g.op("Sqrt", List.of(g.op("Add", List.of(mean, g.scalar((float) config.rmsNormEps())))));
        return g.op("Mul", List.of(g.op("Div", List.of(x, std)), NORM_SCALE));
    }

    private String attention(String layer, int call, int index, String x) {
        long heads = config.numAttentionHeads();
        long headDim = config.headDim();
        String gqkv = projections.apply(x, layer + ".self_attn.gqkv_proj.weight");
        String[] parts = g.ops("Split", List.of(gqkv), 4, attr("axis", -1));
        String q = rotary.apply(heads(parts[1], heads, headDim));
        String k = emitted(rotary.apply(heads(parts[2], heads, headDim)), OnnxSignature.newKey(call, index));
        String v = emitted(heads(parts[3], heads, headDim), OnnxSignature.newValue(call, index));
        String pastK = widened(OnnxSignature.pastKey(call, index));
        String pastV = widened(OnnxSignature.pastValue(call, index));
        // the 1/√d scale goes on the queries, so the [query_len × key_len] scores exist once before the bias
        String scaled = g.op("Mul", List.of(q, g.scalar(1.0f / (float) Math.sqrt(headDim))));
        // scores against the cached keys and against the new ones, side by side: no copy of the cache
        String scores = g.op("Concat", List.of(g.op("MatMul", List.of(scaled, transposed(pastK))),
                g.op("MatMul", List.of(scaled, transposed(k)))), attr("axis", -1));
        String probs = g.op("Softmax", List.of(g.op("Add", List.of(scores, bias))), attr("axis", -1));
        String[] split = g.ops("Split", List.of(probs, keySplit()), 2, attr("axis", -1));
        String attended = g.op("Add", List.of(g.op("MatMul", List.of(split[0], pastV)), g.op("MatMul", List.of(split[1], v))));
        String o = g.op("Transpose", List.of(attended), attr("perm", new long[] {0, 2, 1, 3}));
        String merged = g.op("Reshape", List.of(o, g.ints(0, 0, heads * headDim)));
        String gated = g.op("Mul", List.of(g.op("Sigmoid", List.of(parts[0])), merged));
        return projections.apply(gated, layer + ".self_attn.o_proj.weight");
    }

    /**
     * Emits the new keys or values {@code fresh} as the graph output {@code output} (cast down to
     * float16 with a float16 cache) and returns what attention reads of them: {@code fresh}
     * itself, or with a float16 cache the emitted values cast back up, so that a step attends to
     * exactly what later steps read from the cache.
     */
    private String emitted(String fresh, String output) {
        if (!halfCache) {
            g.opInto("Identity", List.of(fresh), output);
            return fresh;
        }
        g.opInto("Cast", List.of(fresh), output, attr("to", OnnxSignature.FLOAT16));
        return g.op("Cast", List.of(output), attr("to", OnnxSignature.FLOAT));
    }

    /** A past cache input as float32 (cast up from a float16 cache). */
    private String widened(String past) {
        return halfCache ? g.op("Cast", List.of(past), attr("to", OnnxSignature.FLOAT)) : past;
    }

    /** {@code [batch, heads, T, head_dim]} to {@code [batch, heads, head_dim, T]} (fused into the MatMul by ONNX Runtime). */
    private String transposed(String x) {
        return g.op("Transpose", List.of(x), attr("perm", new long[] {0, 1, 3, 2}));
    }

    /**
     * {@code [past_len, query_len]}, where every layer splits its attention weights between the
     * cached and the new keys: built once for the graph from {@code past_key.0.0} and
     * {@code input_ids} (every cache has the same length).
     */
    private String keySplit() {
        if (keySplit == null) {
            keySplit = g.op("Concat", List.of(axisLength(OnnxSignature.pastKey(0, 0), 2),
                    axisLength(OnnxSignature.INPUT_IDS, 1)), attr("axis", 0));
        }
        return keySplit;
    }

    /** The length of axis {@code axis} of {@code x}, as a 1-element int64 vector. */
    private String axisLength(String x, long axis) {
        return g.op("Gather", List.of(g.op("Shape", List.of(x)), g.ints(axis)), attr("axis", 0));
    }

    /** {@code [batch, T, heads·head_dim]} to {@code [batch, heads, T, head_dim]}. */
    private String heads(String x, long heads, long headDim) {
        String split = g.op("Reshape", List.of(x, g.ints(0, 0, heads, headDim)));
        return g.op("Transpose", List.of(split), attr("perm", new long[] {0, 2, 1, 3}));
    }

    private String mlp(String layer, String x) {
        String gu = projections.apply(x, layer + ".mlp.gate_up_proj.weight");
        String[] parts = g.ops("Split", List.of(gu), 2, attr("axis", -1));
        String silu = g.op("Mul", List.of(parts[0], g.op("Sigmoid", List.of(parts[0]))));
        String hidden = g.op("Mul", List.of(silu, parts[1]));
        return projections.apply(hidden, layer + ".mlp.down_proj.weight");
    }
}
