package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.diagnostics.GradientGroup;
import org.hrmtext.domain.diagnostics.GradientStatistics;
import org.hrmtext.domain.diagnostics.MagnitudeStatistics;
import org.hrmtext.domain.diagnostics.Percentiles;
import org.hrmtext.domain.diagnostics.TensorMoments;

/**
 * The {@link MagnitudeStatistics} of the gradients held by the parameters, computed by libtorch on
 * the trainer's device: |g| flattened per group, zeros masked out, one sort for the exact
 * nearest-rank percentiles, reductions in float64. Only a handful of scalars per group reach the
 * host.
 */
final class DjlGradientStatistics {
    private static final int[] PERCENTILES = {Percentiles.MEDIAN, Percentiles.P95, Percentiles.P99};

    private DjlGradientStatistics() {
    }

    /** Statistics over the gradients of the {@code trained} fused tensors, overall and per group. */
    static GradientStatistics of(NDManager manager, DjlParameters params, Set<String> trained) {
        Map<GradientGroup, NDList> byGroup = new EnumMap<>(GradientGroup.class);
        NDList all = new NDList();
        for (String name : trained) {
            NDArray abs = params.get(name).getGradient().abs().flatten();
            byGroup.computeIfAbsent(GradientGroup.of(name), g -> new NDList()).add(abs);
            all.add(abs);
        }
        Map<GradientGroup, MagnitudeStatistics> groups = new EnumMap<>(GradientGroup.class);
        byGroup.forEach((group, parts) -> {
            MagnitudeStatistics s = summarise(manager, NDArrays.concat(parts));
            if (s.count() > 0) {
                groups.put(group, s);
            }
        });
        return new GradientStatistics(summarise(manager, NDArrays.concat(all)), groups);
    }

    /**
     * The {@link TensorMoments} of each gradient of {@code parts} (name → gradient), in float64 on
     * the device; one array of five scalars per tensor reaches the host.
     */
    static Map<String, TensorMoments> moments(NDManager manager, Map<String, NDArray> parts) {
        NDList rows = new NDList();
        List<Long> counts = new ArrayList<>();
        List<Long> nonZeros = new ArrayList<>();
        for (NDArray g : parts.values()) {
            NDArray abs = g.abs().flatten().toType(DataType.FLOAT64, false);
            NDArray nonZero = abs.booleanMask(abs.gt(0));
            counts.add(abs.size());
            nonZeros.add(nonZero.size());
            NDArray mean = abs.mean();
            if (nonZero.size() == 0) {
                NDArray zero = mean.zerosLike();
                rows.add(NDArrays.stack(new NDList(mean, zero, zero, zero, zero)));
                continue;
            }
            NDArray logs = nonZero.add(MagnitudeStatistics.LOG_EPSILON).log();
            NDArray logMean = logs.mean();
            long[] ranks = {Percentiles.rank(Percentiles.MEDIAN, nonZero.size()), Percentiles.rank(Percentiles.P99, nonZero.size())};
            NDArray picked = nonZero.sort().take(DjlArrays.longs(manager, ranks, new Shape(2)));
            rows.add(NDArrays.concat(new NDList(NDArrays.stack(new NDList(mean, logMean, logs.sub(logMean).square().mean().sqrt())),
                    picked)));
        }
        Map<String, TensorMoments> out = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        double[] v = NDArrays.stack(rows).toDoubleArray();
        int i = 0;
        for (String name : parts.keySet()) {
            long n = counts.get(i);
            int r = 5 * i;
            out.put(name, new TensorMoments(n, n - nonZeros.get(i), v[r], v[r + 1], v[r + 2], v[r + 3], v[r + 4]));
            i++;
        }
        return out;
    }

    private static MagnitudeStatistics summarise(NDManager manager, NDArray abs) {
        long total = abs.size();
        NDArray nonZero = abs.booleanMask(abs.gt(0));
        long n = nonZero.size();
        double zeros = total == 0 ? 0 : (double) (total - n) / total;
        if (n == 0) {
            return new MagnitudeStatistics(0, zeros, 0, 0, 0, 0, 0, 0, 0);
        }
        long[] ranks = new long[PERCENTILES.length + 1];
        for (int i = 0; i < PERCENTILES.length; i++) {
            ranks[i] = Percentiles.rank(PERCENTILES[i], n);
        }
        ranks[PERCENTILES.length] = n - 1;
        NDArray picked = nonZero.sort().take(DjlArrays.longs(manager, ranks, new Shape(ranks.length)))
                .toType(DataType.FLOAT64, false);
        NDArray d = nonZero.toType(DataType.FLOAT64, false);
        NDArray logs = d.add(MagnitudeStatistics.LOG_EPSILON).log();
        NDArray logStd = logs.sub(logs.mean()).square().mean().sqrt();
        NDArray scalars = NDArrays.stack(new NDList(d.mean(), logStd, d.square().sum().sqrt()));
        double[] s = NDArrays.concat(new NDList(scalars, picked)).toDoubleArray();
        return new MagnitudeStatistics(n, zeros, s[0], s[3], s[4], s[5], s[6], s[1], s[2]);
    }
}
