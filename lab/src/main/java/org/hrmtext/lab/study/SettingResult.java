package org.hrmtext.lab.study;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hrmtext.domain.diagnostics.EffectiveDepth;
import org.hrmtext.domain.diagnostics.MagnitudeStatistics;

/**
 * Everything measured for one setting: the diagnostics of every step, the paired samples at its
 * checkpoints, and the effective-depth probe after the last step.
 */
record SettingResult(StudySetting setting, List<StepRecord> steps, List<PairedSample> pairs, EffectiveDepth probe) {

    /** The median over steps of an overall statistic, e.g. {@code MagnitudeStatistics::logStd}. */
    double medianOverSteps(ToDoubleFunction<MagnitudeStatistics> statistic) {
        double[] v = steps.stream().mapToDouble(s -> statistic.applyAsDouble(s.statistics().all())).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    double finalLoss() {
        return steps.get(steps.size() - 1).loss();
    }
}
