package org.hrmtext.domain.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Effective depth as the paper measures it, over every transformer block in computation order
 * (module call by module call, each call's layers in order), averaged over the labelled positions
 * of a batch:
 * <ul>
 *   <li>{@code deltaNorm[b]} = {@code ‖h_b − h_b⁻‖₂}, the change block {@code b} makes to the
 *       residual stream it reads ({@code h_b⁻}: the block's input, for a call's first block the sum
 *       of the states the call reads); {@link #deltaNormPerRootD} divides by {@code √d};</li>
 *   <li>{@code cosine[b][c]} = {@code cos(h_b, h_c)} of two blocks' outputs;</li>
 *   <li>{@code lensKl[b]} = {@code KL(p_b ‖ p_final)}, the logit lens {@code p_b = softmax(lm_head(rms(h_b)))}
 *       (the head reads MagicNorm-ed states) against the model's final prediction.</li>
 * </ul>
 * A block whose {@code deltaNorm} is small next to the others, whose output is nearly parallel to
 * its neighbours', or after which the lens KL no longer falls, adds little depth.
 *
 * @param labels block labels, e.g. {@code L1.0} (the first L call's layer 0), {@code H2.1}
 * @param hiddenSize d
 * @param deltaNorm per block
 * @param cosine {@code [blocks][blocks]}
 * @param lensKl per block
 */
public record BlockDepth(List<String> labels, int hiddenSize, double[] deltaNorm, double[][] cosine, double[] lensKl) {

    public BlockDepth {
        labels = List.copyOf(labels);
        int n = labels.size();
        if (deltaNorm.length != n || lensKl.length != n || cosine.length != n) {
            throw new IllegalArgumentException("expected " + n + " blocks in every block-depth series");
        }
        deltaNorm = deltaNorm.clone();
        lensKl = lensKl.clone();
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            if (cosine[i].length != n) {
                throw new IllegalArgumentException("cosine row " + i + ": expected " + n + " values, got " + cosine[i].length);
            }
            c[i] = cosine[i].clone();
        }
        cosine = c;
    }

    /**
     * Joins block labels with the values a backend computed, laid out row-major as
     * {@code [blocks, 2 + blocks]}: delta norm, lens KL, then the block's cosine row.
     */
    public static BlockDepth of(List<String> labels, int hiddenSize, float[] values) {
        int n = labels.size();
        if (values.length != n * (2 + n)) {
            throw new IllegalArgumentException("expected " + n * (2 + n) + " block-depth values, got " + values.length);
        }
        double[] delta = new double[n];
        double[] kl = new double[n];
        double[][] cos = new double[n][n];
        for (int b = 0; b < n; b++) {
            int row = b * (2 + n);
            delta[b] = values[row];
            kl[b] = values[row + 1];
            for (int c = 0; c < n; c++) {
                cos[b][c] = values[row + 2 + c];
            }
        }
        return new BlockDepth(labels, hiddenSize, delta, cos, kl);
    }

    /** The block labels of a schedule with {@code layers} layers per call: {@code <call label>.<layer>}. */
    public static List<String> labels(List<DepthProbe.Step> plan, int layers) {
        List<String> out = new ArrayList<>();
        for (DepthProbe.Step s : plan) {
            for (int l = 0; l < layers; l++) {
                out.add(s.label() + "." + l);
            }
        }
        return out;
    }

    /** {@code deltaNorm / √d}. */
    public double[] deltaNormPerRootD() {
        double[] out = new double[deltaNorm.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = deltaNorm[i] / Math.sqrt(hiddenSize);
        }
        return out;
    }

    /** {@code {"labels": […], "hidden": d, "delta_norm": […], "lens_kl": […], "cosine": [[…], …]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", labels);
        m.put("hidden", hiddenSize);
        m.put("delta_norm", list(deltaNorm));
        m.put("lens_kl", list(lensKl));
        List<Object> rows = new ArrayList<>();
        for (double[] r : cosine) {
            rows.add(list(r));
        }
        m.put("cosine", rows);
        return m;
    }

    private static List<Double> list(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double x : v) {
            l.add(x);
        }
        return l;
    }
}
