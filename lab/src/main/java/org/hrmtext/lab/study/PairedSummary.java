package org.hrmtext.lab.study;

import java.util.List;
import org.hrmtext.domain.diagnostics.Percentiles;

/**
 * The paired comparison over a set of samples: the probability that full backprop gives the
 * larger global gradient norm, and the 95th percentile (nearest rank) and maximum of the ratio
 * full / truncated. The paper reports 1.89× and 35.7× for HRM.
 */
record PairedSummary(int pairs, double pFullGreater, double p95Ratio, double maxRatio) {

    static PairedSummary of(List<PairedSample> samples) {
        if (samples.isEmpty()) {
            return new PairedSummary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] ratios = samples.stream().mapToDouble(PairedSample::ratio).sorted().toArray();
        long greater = samples.stream().filter(s -> s.full() > s.truncatedNorm()).count();
        return new PairedSummary(ratios.length, (double) greater / ratios.length, Percentiles.of(ratios, Percentiles.P95),
                ratios[ratios.length - 1]);
    }
}
