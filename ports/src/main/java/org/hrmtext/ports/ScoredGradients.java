package org.hrmtext.ports;

import org.hrmtext.domain.diagnostics.GradientStatistics;

/**
 * A scoring call's result with the element-level gradient statistics of the same backward pass
 * ({@link Trainer#scoreWithStatistics}).
 *
 * @param score loss and per-tensor gradient L2 norms, as {@link Trainer#score} gives them
 * @param statistics magnitude statistics over all trained elements and per group
 */
public record ScoredGradients(ScoreResult score, GradientStatistics statistics) {
}
