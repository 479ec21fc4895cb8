package org.hrmtext.ports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.domain.diagnostics.GradientStatistics;
import org.hrmtext.domain.diagnostics.TensorMoments;

/**
 * A scoring call's result with the element-level gradient statistics of the same backward pass
 * ({@link Trainer#scoreWithStatistics}).
 *
 * @param score loss and per-tensor gradient L2 norms, as {@link Trainer#score} gives them
 * @param statistics magnitude statistics over all trained elements and per group
 * @param tensors per trained tensor (layout names, as in {@code score.gradNorms()}), its mean |g|
 *     and log-magnitude moments; tensors without gradient under the schedule are absent
 */
public record ScoredGradients(ScoreResult score, GradientStatistics statistics, Map<String, TensorMoments> tensors) {

    public ScoredGradients {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
