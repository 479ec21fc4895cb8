package org.hrmtext.lab.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.diagnostics.MagnitudeStatistics;

/**
 * One setting in a few numbers: the median over its steps of median |g|, tail-to-median (p99/p50)
 * and std of log|g| (with the tail-to-median a lognormal of that spread would have), its paired
 * full-vs-truncated summary, how many module calls still change their state by at least
 * {@link #ACTIVE_CHANGE}, and its final loss.
 */
record SettingSummary(StudySetting setting, double medianAbs, double tailToMedian, double logStd, PairedSummary paired,
        long activeCalls, double finalLoss) {
    /** Relative change above which a call counts as still working (effective depth). */
    static final double ACTIVE_CHANGE = 0.1;
    static final List<String> COLUMNS = List.of("arch", "depth", "effective", "backward_depth", "h_calls", "l_calls",
            "median_abs", "tail_to_median", "log_abs_std", "lognormal_tail_to_median", "pairs", "p_full_greater",
            "p95_ratio", "max_ratio", "active_calls", "final_loss");

    static SettingSummary of(SettingResult r) {
        return new SettingSummary(r.setting(), r.medianOverSteps(MagnitudeStatistics::median),
                r.medianOverSteps(MagnitudeStatistics::tailToMedian), r.medianOverSteps(MagnitudeStatistics::logStd),
                PairedSummary.of(r.pairs()), r.probe().activeCalls(ACTIVE_CHANGE), r.finalLoss());
    }

    double lognormalTailToMedian() {
        return Math.exp(MagnitudeStatistics.Z99 * logStd);
    }

    Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", setting.arch().configName());
        m.put("depth", setting.requested().toString());
        m.put("effective", setting.effective().toString());
        m.put("backward_depth", setting.backwardDepth());
        m.put("h_calls", setting.effective().highCalls());
        m.put("l_calls", setting.effective().lowCalls());
        m.put("median_abs", medianAbs);
        m.put("tail_to_median", tailToMedian);
        m.put("log_abs_std", logStd);
        m.put("lognormal_tail_to_median", lognormalTailToMedian());
        m.put("pairs", paired.pairs());
        if (paired.pairs() > 0) {
            m.put("p_full_greater", paired.pFullGreater());
            m.put("p95_ratio", paired.p95Ratio());
            m.put("max_ratio", paired.maxRatio());
        }
        m.put("active_calls", activeCalls);
        m.put("final_loss", finalLoss);
        return m;
    }
}
