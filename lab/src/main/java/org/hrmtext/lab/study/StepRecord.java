package org.hrmtext.lab.study;

import org.hrmtext.domain.diagnostics.GradientStatistics;

/** One training step of a setting: its loss, global gradient norm and gradient statistics. */
record StepRecord(int step, double loss, double gradNorm, GradientStatistics statistics) {
}
