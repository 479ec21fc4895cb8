package org.hrmtext.lab.study.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.domain.schedule.StackId;

/**
 * The fixed element set of a comparison: the trainable tensors of the H and L stacks (never the
 * embedding or the head, which are reported apart), each with its element count. Every cell of a
 * comparison is measured on exactly these tensors; {@link #requireNonZero} fails when one of them
 * got no gradient, so that no comparison silently mixes sets.
 *
 * @param names tensor names, in layout order
 * @param sizes element counts, aligned with {@code names}
 */
public record TensorSet(List<String> names, long[] sizes) {

    public TensorSet {
        names = List.copyOf(names);
        sizes = sizes.clone();
    }

    /** The H- and L-stack tensors of a model layout. */
    public static TensorSet stacks(ParameterLayout layout) {
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (ParameterSpec p : layout.trainable()) {
            if (ParameterLayout.inStack(p.name(), StackId.HIGH) || ParameterLayout.inStack(p.name(), StackId.LOW)) {
                names.add(p.name());
                long n = 1;
                for (int d : p.shape()) {
                    n *= d;
                }
                sizes.add(n);
            }
        }
        return new TensorSet(names, sizes.stream().mapToLong(Long::longValue).toArray());
    }

    /** Fails naming the first tensor of the set whose gradient norm is zero or missing in {@code norms}. */
    public void requireNonZero(Map<String, Double> norms, String what) {
        for (String n : names) {
            Double v = norms.get(n);
            if (v == null || !(v > 0)) {
                throw new IllegalStateException(what + ": tensor " + n + " of the fixed element set has gradient norm "
                        + v + "; expected > 0 (every compared cell must train the same elements)");
            }
        }
    }

    /**
     * Per-tensor root-mean-square gradient {@code ‖g_t‖₂ / √n_t} (the per-tensor magnitude the
     * per-tensor L2 norms determine exactly), aligned with {@link #names()}.
     */
    public double[] rms(Map<String, Double> norms) {
        double[] out = new double[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = norms.getOrDefault(names.get(i), 0.0) / Math.sqrt(sizes[i]);
        }
        return out;
    }

    /** Pooled RMS over all elements of the set: {@code √(Σ‖g_t‖² / Σ n_t)}. */
    public double pooledRms(Map<String, Double> norms) {
        double sq = 0;
        long n = 0;
        for (int i = 0; i < names.size(); i++) {
            double v = norms.getOrDefault(names.get(i), 0.0);
            sq += v * v;
            n += sizes[i];
        }
        return Math.sqrt(sq / n);
    }
}
