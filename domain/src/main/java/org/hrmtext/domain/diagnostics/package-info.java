/**
 * What the gradient-dynamics diagnostics measure, defined once for every backend: the
 * distribution of gradient magnitudes of a step ({@link org.hrmtext.domain.diagnostics.MagnitudeStatistics},
 * per tensor group in {@link org.hrmtext.domain.diagnostics.GradientStatistics}), the nearest-rank
 * percentile rule ({@link org.hrmtext.domain.diagnostics.Percentiles}), and the effective-depth probe
 * of the recurrence ({@link org.hrmtext.domain.diagnostics.DepthProbe}, results in
 * {@link org.hrmtext.domain.diagnostics.EffectiveDepth}). These are the quantities of the paper's
 * stability study: lognormal, heavy-tailed gradients whose spread grows with backward depth.
 */
package org.hrmtext.domain.diagnostics;
