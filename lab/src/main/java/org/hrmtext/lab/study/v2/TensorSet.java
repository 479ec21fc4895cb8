package org.hrmtext.lab.study.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.diagnostics.TensorMoments;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.domain.schedule.StackId;

/**
 * The fixed element set of a comparison: the trainable tensors of the H and L stacks (never the
 * embedding or the head, which are reported apart), each with its element count. Every cell of a
 * comparison is measured on exactly these tensors; {@link #moments} fails when one of them
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

    /** The tensors of this set in one stack ({@code H} or {@code L}); empty where the architecture has none apart. */
    public TensorSet group(String group) {
        StackId id = group.equals("H") ? StackId.HIGH : StackId.LOW;
        List<String> n = new ArrayList<>();
        List<Long> z = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (ParameterLayout.inStack(names.get(i), id)) {
                n.add(names.get(i));
                z.add(sizes[i]);
            }
        }
        return new TensorSet(n, z.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * The moments of this set's tensors among {@code tensors}, aligned with {@link #names()}; fails
     * naming the first tensor without moments, over another element count than the layout's, or
     * with an all-zero gradient (every compared cell must train the same elements).
     */
    public List<TensorMoments> moments(Map<String, TensorMoments> tensors, String what) {
        List<TensorMoments> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            TensorMoments m = tensors.get(names.get(i));
            if (m == null || m.count() != sizes[i]) {
                throw new IllegalStateException(what + ": tensor " + names.get(i) + " of the fixed element set has no "
                        + "recorded moments over its " + sizes[i] + " elements");
            }
            if (!(m.meanAbs() > 0)) {
                throw new IllegalStateException(what + ": tensor " + names.get(i) + " of the fixed element set has mean |g| "
                        + m.meanAbs() + "; expected > 0 (every compared cell must train the same elements)");
            }
            out.add(m);
        }
        return out;
    }

    /** Pooled mean |g| over all elements of the set: {@code Σ n_t·mean_t / Σ n_t} (= L1 / n). */
    public static double pooledMeanAbs(List<TensorMoments> moments) {
        double sum = 0;
        long n = 0;
        for (TensorMoments m : moments) {
            sum += m.meanAbs() * m.count();
            n += m.count();
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Median over tensors of a per-tensor value. */
    public static double medianOver(List<TensorMoments> moments, java.util.function.ToDoubleFunction<TensorMoments> f) {
        return Quantiles.median(moments.stream().mapToDouble(f).toArray());
    }

}
