package org.hrmtext.onnx;

import static org.hrmtext.onnx.OnnxGraph.attr;

import java.util.List;
import org.hrmtext.domain.config.ModelConfig;

/**
 * Rotary position embeddings in the graph: {@code cos} and {@code sin} of
 * {@code position · inv_freq} ({@code inv_freq_i = 1/θ^(2i/head_dim)}, the angles repeated for
 * both halves), computed once per forward from {@code position_ids} and shared by every call and
 * layer; applied as {@code x·cos + rotate_half(x)·sin} with {@code rotate_half([a, b]) = [−b, a]}.
 */
final class OnnxRotary {
    static final String INV_FREQ = "rope.inv_freq";

    private final OnnxGraph g;
    private final String cos;
    private final String sin;

    private OnnxRotary(OnnxGraph g, String cos, String sin) {
        this.g = g;
        this.cos = cos;
        this.sin = sin;
    }

    /** Writes the cos/sin tables ({@code [batch, 1, query_len, head_dim]}) for the positions input. */
    static OnnxRotary write(OnnxGraph g, ModelConfig config, String positions) {
        int headDim = config.headDim();
        float[] inv = new float[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = (float) (1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / headDim));
        }
        g.initializer(OnnxTensors.floats(INV_FREQ, new long[] {inv.length}, inv));
        g.scope("rope");
        String pos = g.op("Unsqueeze", List.of(g.op("Cast", List.of(positions), attr("to", OnnxSignature.FLOAT)),
                g.ints(-1)));
        String freqs = g.op("Mul", List.of(pos, INV_FREQ));
        String angles = g.op("Concat", List.of(freqs, freqs), attr("axis", -1));
        String cos = g.op("Unsqueeze", List.of(g.op("Cos", List.of(angles)), g.ints(1)));
        String sin = g.op("Unsqueeze", List.of(g.op("Sin", List.of(angles)), g.ints(1)));
        return new OnnxRotary(g, cos, sin);
    }

    /** Rotates {@code x} ({@code [batch, heads, query_len, head_dim]}). */
    String apply(String x) {
        String[] halves = g.ops("Split", List.of(x), 2, attr("axis", -1));
        String rotated = g.op("Concat", List.of(g.op("Neg", List.of(halves[1])), halves[0]), attr("axis", -1));
        return g.op("Add", List.of(g.op("Mul", List.of(x, cos)), g.op("Mul", List.of(rotated, sin))));
    }
}
