package org.hrmtext.tf;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.diagnostics.GradientGroup;
import org.hrmtext.domain.diagnostics.GradientStatistics;
import org.hrmtext.domain.diagnostics.MagnitudeStatistics;
import org.hrmtext.domain.diagnostics.Percentiles;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Graph ops that summarise a schedule's gradients as {@link MagnitudeStatistics}, overall and per
 * {@link GradientGroup}, inside the session: |g| flattened, zeros weighted out, one full
 * {@code TopK} sort for the exact percentiles (the nearest-rank index of {@link Percentiles#rank}
 * in int64 graph arithmetic, since the count of non-zero elements is known only at run time),
 * reductions in float64. Each group is one fetch of nine numbers; the ops run only when fetched.
 *
 * @param all the summary over every trained element
 * @param groups the summary per group with trained tensors
 */
record TfGradientStatistics(Operand<TFloat64> all, Map<GradientGroup, Operand<TFloat64>> groups) {
    private static final long[] PERMILLE = {Percentiles.MEDIAN, Percentiles.P95, Percentiles.P99, 1000};

    /** The summaries of the gradients of trained fused tensors, given by name. */
    static TfGradientStatistics build(Ops tf, Map<String, Operand<TFloat32>> gradients) {
        Ops scoped = tf.withSubScope("gradient_statistics");
        Map<GradientGroup, List<Operand<TFloat32>>> byGroup = new EnumMap<>(GradientGroup.class);
        List<Operand<TFloat32>> every = new ArrayList<>();
        gradients.forEach((name, g) -> {
            Operand<TFloat32> abs = scoped.reshape(scoped.math.abs(g), scoped.constant(new int[] {-1}));
            byGroup.computeIfAbsent(GradientGroup.of(name), k -> new ArrayList<>()).add(abs);
            every.add(abs);
        });
        Map<GradientGroup, Operand<TFloat64>> groups = new EnumMap<>(GradientGroup.class);
        byGroup.forEach((group, parts) -> groups.put(group, summary(scoped, parts)));
        return new TfGradientStatistics(summary(scoped, every), groups);
    }

    /** {@code [count, zero_fraction, mean, median, p95, p99, max, log_std, norm]} of |g| over {@code parts}. */
    private static Operand<TFloat64> summary(Ops tf, List<Operand<TFloat32>> parts) {
        Operand<TFloat32> abs = parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(0));
        Operand<TInt32> axis = tf.constant(0);
        Operand<TFloat64> mask = tf.dtypes.cast(tf.math.greater(abs, tf.constant(0f)), TFloat64.class);
        Operand<TFloat64> count = tf.sum(mask, axis);
        Operand<TFloat64> total = tf.dtypes.cast(tf.size(abs, TInt64.class), TFloat64.class);
        // Sorted descending, the zeros come last: the k-th largest non-zero value is at index k - 1.
        Operand<TFloat32> descending = tf.nn.topK(abs, tf.size(abs), new TopK.Options[0]).values();
        Operand<TInt64> n = tf.dtypes.cast(count, TInt64.class);
        Operand<TInt64> zero = tf.constant(0L);
        Operand<TInt64> rank = tf.math.maximum(zero, tf.math.sub(tf.math.floorDiv(
                tf.math.add(tf.math.mul(tf.constant(PERMILLE), n), tf.constant(999L)), tf.constant(1000L)), tf.constant(1L)));
        Operand<TInt64> fromTop = tf.math.maximum(zero, tf.math.sub(tf.math.sub(n, tf.constant(1L)), rank));
        Operand<TFloat64> picked = tf.dtypes.cast(tf.gather(descending, fromTop, axis), TFloat64.class);
        Operand<TFloat64> d = tf.dtypes.cast(abs, TFloat64.class);
        Operand<TFloat64> logs = tf.math.mul(mask, tf.math.log(tf.math.add(d, tf.constant(MagnitudeStatistics.LOG_EPSILON))));
        Operand<TFloat64> logMean = tf.math.div(tf.sum(logs, axis), count);
        Operand<TFloat64> logStd = tf.math.sqrt(tf.math.div(
                tf.sum(tf.math.mul(mask, tf.math.square(tf.math.sub(logs, logMean))), axis), count));
        Operand<TFloat64> zeros = tf.math.div(tf.math.sub(total, count), total);
        Operand<TFloat64> head = tf.stack(List.of(count, zeros, tf.math.div(tf.sum(d, axis), count)));
        Operand<TFloat64> tail = tf.stack(List.of(logStd, tf.math.sqrt(tf.sum(tf.math.square(d), axis))));
        return tf.concat(List.of(head, picked, tail), axis);
    }

    /** Adds every summary to the fetches of {@code runner}, {@link #all()} first. */
    void fetch(Session.Runner runner) {
        runner.fetch(all);
        groups.values().forEach(runner::fetch);
    }

    /** Reads the summaries fetched by {@link #fetch} from index {@code first} of {@code result}. */
    GradientStatistics read(Result result, int first) {
        int i = first;
        MagnitudeStatistics overall = statistics(TfFetched.doubles(result, i++));
        Map<GradientGroup, MagnitudeStatistics> out = new EnumMap<>(GradientGroup.class);
        for (GradientGroup g : groups.keySet()) {
            MagnitudeStatistics s = statistics(TfFetched.doubles(result, i++));
            if (s.count() > 0) {
                out.put(g, s);
            }
        }
        return new GradientStatistics(overall, out);
    }

    private static MagnitudeStatistics statistics(double[] v) {
        return new MagnitudeStatistics((long) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
