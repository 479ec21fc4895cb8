package org.hrmtext.tests.reference;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.RecurrenceConfig;
import org.hrmtext.domain.model.ModelWeights;

/**
 * The HRM-Text forward pass written out plainly for one sequence: scaled embedding, the
 * architecture's recurrence (re-derived here from the paper, not taken from the domain), pre-norm
 * blocks with gated multi-head attention, RoPE and SwiGLU, MagicNorm at every stack exit, and the
 * untied head. Every dot product accumulates in double. Slow and obviously correct, for tests.
 *
 * <pre>{@code
 * PlainForward f = new PlainForward(config, weights);
 * PlainForward.Logits out = f.run(tokens, positions, allowed);   // allowed[q * T + k]
 * }</pre>
 */
public final class PlainForward {
    private final ModelConfig config;
    private final ModelWeights weights;
    private final int d;
    private final int heads;
    private final int headDim;

    /** Logits {@code [T, vocab]} of the final output state and of its first value (auto-guidance). */
    public record Logits(float[] last, float[] first) {
    }

    public PlainForward(ModelConfig config, ModelWeights weights) {
        this.config = config;
        this.weights = weights;
        this.d = config.hiddenSize();
        this.heads = config.numAttentionHeads();
        this.headDim = d / heads;
    }

    /** One step of the recurrence: {@code target = stack(sum of inputs)}. */
    private record Step(String stack, String target, List<String> inputs) {
    }

    /** The module calls of each architecture, in order (gradient windows do not matter forward). */
    private List<Step> schedule() {
        RecurrenceConfig r = config.recurrence();
        List<Step> steps = new ArrayList<>();
        Architecture arch = config.architecture();
        switch (arch) {
            case HRM, TRM -> {
                String high = arch == Architecture.HRM ? "H" : "L";
                for (int i = 0; i < r.hCycles(); i++) {
                    for (int k = 0; k < r.lCycles(); k++) {
                        steps.add(new Step("L", "zL", List.of("zL", "zH")));
                    }
                    steps.add(new Step(high, "zH", List.of("zH", "zL")));
                }
            }
            case UNIVERSAL_TRANSFORMER -> {
                for (int i = 0; i < r.cycles(); i++) {
                    steps.add(new Step("L", "zL", List.of("zL", "x")));
                }
            }
            case RINS -> {
                for (int i = 0; i < r.lCycles(); i++) {
                    steps.add(new Step("L", "zL", List.of("zL", "x")));
                }
                steps.add(new Step("H", "zH", List.of("zL")));
            }
            case TRANSFORMER -> steps.add(new Step("H", "zH", List.of("x")));
            default -> throw new IllegalArgumentException("no reference schedule for " + arch);
        }
        return steps;
    }

    private String outputState() {
        return config.architecture() == Architecture.UNIVERSAL_TRANSFORMER ? "zL" : "zH";
    }

    /**
     * Runs {@code tokens} at {@code positions}; {@code allowed[q * T + k]} says whether query q may
     * attend key k.
     */
    public Logits run(int[] tokens, int[] positions, boolean[] allowed) {
        int t = tokens.length;
        float[] embedding = weights.get("model.embed_tokens.weight").data();
        float[] x = new float[t * d];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (config.embeddingScale() * embedding[tokens[i] * d + j]);
            }
        }
        java.util.Map<String, float[]> z = new java.util.HashMap<>();
        z.put("x", x);
        z.put("zH", x);
        if (config.architecture() != Architecture.TRANSFORMER) {
            float[] init = weights.get("model.z_L_init").data();
            float[] zl = new float[t * d];
            for (int i = 0; i < t; i++) {
                System.arraycopy(init, 0, zl, i * d, d);
            }
            z.put("zL", zl);
        }
        float[] first = null;
        for (Step s : schedule()) {
            float[] in = z.get(s.inputs().get(0)).clone();
            for (int k = 1; k < s.inputs().size(); k++) {
                float[] other = z.get(s.inputs().get(k));
                for (int i = 0; i < in.length; i++) {
                    in[i] += other[i];
                }
            }
            float[] out = stack(s.stack(), in, positions, allowed);
            z.put(s.target(), out);
            if (first == null && s.target().equals(outputState())) {
                first = out;
            }
        }
        return new Logits(head(z.get(outputState()), t), head(first, t));
    }

    private float[] head(float[] h, int t) {
        return linear(h, t, "lm_head.weight", d, config.vocabSize());
    }

    private float[] stack(String stack, float[] in, int[] positions, boolean[] allowed) {
        int t = positions.length;
        float[] h = in.clone();
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            String p = "model." + stack + "_module.layers." + layer;
            add(h, attention(p, rms(h, t), positions, allowed));
            add(h, mlp(p, rms(h, t), t));
        }
        return rms(h, t);
    }

    private float[] attention(String p, float[] x, int[] positions, boolean[] allowed) {
        int t = positions.length;
        int width = heads * headDim;
        float[] gate = linear(x, t, p + ".self_attn.gate_proj.weight", d, width);
        float[] q = rope(linear(x, t, p + ".self_attn.q_proj.weight", d, width), positions);
        float[] k = rope(linear(x, t, p + ".self_attn.k_proj.weight", d, width), positions);
        float[] v = linear(x, t, p + ".self_attn.v_proj.weight", d, width);
        float[] o = new float[t * width];
        double[] score = new double[t];
        for (int hd = 0; hd < heads; hd++) {
            int off = hd * headDim;
            for (int qi = 0; qi < t; qi++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int ki = 0; ki < t; ki++) {
                    if (allowed[qi * t + ki]) {
                        double dot = 0;
                        for (int j = 0; j < headDim; j++) {
                            dot += (double) q[qi * width + off + j] * k[ki * width + off + j];
                        }
                        score[ki] = dot / Math.sqrt(headDim);
                        max = Math.max(max, score[ki]);
                    }
                }
                double sum = 0;
                for (int ki = 0; ki < t; ki++) {
                    score[ki] = allowed[qi * t + ki] ? Math.exp(score[ki] - max) : 0;
                    sum += score[ki];
                }
                for (int j = 0; j < headDim; j++) {
                    double acc = 0;
                    for (int ki = 0; ki < t; ki++) {
                        acc += score[ki] / sum * v[ki * width + off + j];
                    }
                    double g = gate[qi * width + off + j];
                    o[qi * width + off + j] = (float) (acc / (1 + Math.exp(-g)));
                }
            }
        }
        return linear(o, t, p + ".self_attn.o_proj.weight", width, d);
    }

    /** Rotary embedding, rotate-half convention: pairs (j, j + headDim/2) share a frequency. */
    private float[] rope(float[] a, int[] positions) {
        int half = headDim / 2;
        float[] out = a.clone();
        int width = heads * headDim;
        for (int i = 0; i < positions.length; i++) {
            for (int hd = 0; hd < heads; hd++) {
                int off = i * width + hd * headDim;
                for (int j = 0; j < half; j++) {
                    double inv = 1.0 / Math.pow(config.ropeTheta(), (2.0 * j) / headDim);
                    double angle = (float) (positions[i] * (float) inv);
                    double c = Math.cos(angle);
                    double s = Math.sin(angle);
                    double lo = a[off + j];
                    double hi = a[off + j + half];
                    out[off + j] = (float) (lo * c - hi * s);
                    out[off + j + half] = (float) (hi * c + lo * s);
                }
            }
        }
        return out;
    }

    private float[] mlp(String p, float[] x, int t) {
        int inter = config.intermediateSize();
        float[] gate = linear(x, t, p + ".mlp.gate_proj.weight", d, inter);
        float[] up = linear(x, t, p + ".mlp.up_proj.weight", d, inter);
        float[] act = new float[gate.length];
        for (int i = 0; i < act.length; i++) {
            double g = gate[i];
            act[i] = (float) (g / (1 + Math.exp(-g)) * up[i]);
        }
        return linear(act, t, p + ".mlp.down_proj.weight", inter, d);
    }

    /** RMSNorm without a learnable scale, eps from the config. */
    private float[] rms(float[] h, int t) {
        float[] out = new float[h.length];
        for (int i = 0; i < t; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                sq += (double) h[i * d + j] * h[i * d + j];
            }
            double scale = 1.0 / Math.sqrt(sq / d + config.rmsNormEps());
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) (h[i * d + j] * scale);
            }
        }
        return out;
    }

    /** {@code x [t, in] · W^T} with {@code W [out, in]} as stored. */
    private float[] linear(float[] x, int t, String name, int in, int out) {
        float[] w = weights.get(name).data();
        float[] y = new float[t * out];
        for (int i = 0; i < t; i++) {
            for (int o = 0; o < out; o++) {
                double acc = 0;
                for (int j = 0; j < in; j++) {
                    acc += (double) x[i * in + j] * w[o * in + j];
                }
                y[i * out + o] = (float) acc;
            }
        }
        return y;
    }

    private static void add(float[] into, float[] delta) {
        for (int i = 0; i < into.length; i++) {
            into[i] += delta[i];
        }
    }
}
