package org.hrmtext.lab.study.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The findings of the second protocol, computed from {@link RawData}: each as a
 * {@link FindingRow} whose verdict comes from a paired test (sign test and Wilcoxon signed-rank)
 * or a bootstrap interval, with N stated, never from two endpoints. Significance level 0.05.
 * Here: spikes over training steps and HRM against RINS and the looped transformer; the
 * same-weights findings on per-tensor moments are in {@link TensorFindings}, Jacobian growth and
 * effective depth in {@link DepthFindings}.
 */
public final class ProtocolAnalysis {
    static final double ALPHA = 0.05;
    /** Fewest paired values for a verdict other than inconclusive. */
    static final int MIN_N = 10;
    /** A training step's mean |g| is a spike when above this multiple of the rolling median. */
    static final double SPIKE_K = 5;
    /** Steps in the rolling median (the preceding ones). */
    static final int SPIKE_WINDOW = 50;

    private final RawData data;
    private final List<Long> seeds;
    private final int steps;
    private final String scale;

    public ProtocolAnalysis(RawData data, List<Long> seeds, int steps, String scale) {
        this.data = data;
        this.seeds = List.copyOf(seeds);
        this.steps = steps;
        this.scale = scale;
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Seeds whose run has at least one complete checkpoint. */
    public List<Long> seedsWith(String run) {
        return seeds.stream().filter(s -> !data.checkpoints(run, s, "heldout").isEmpty()).toList();
    }

    /** Complete checkpoints of one seed's run. */
    List<RawData.Checkpoint> checkpointsOf(String run, long seed, String batch) {
        return data.checkpoints(run, seed, batch);
    }

    List<RawData.Checkpoint> pooled(String run, String batch) {
        List<RawData.Checkpoint> all = new ArrayList<>();
        seeds.forEach(s -> all.addAll(data.checkpoints(run, s, batch)));
        return all;
    }

    /** Spikes of the training-step mean |g| over all elements, after the credit warmup (first 20 %). */
    public FindingRow spikes() {
        String claim = "Training with full BPTT has more gradient spikes than the used truncation";
        String paper = "Fig. 6a: rare spikes of mean |g| under full BPTT";
        List<String> parts = new ArrayList<>();
        int fullSpikes = 0;
        int usedSpikes = 0;
        int seedsBoth = 0;
        for (long s : seeds) {
            List<RawData.Step> full = data.steps("hrm_full", s);
            List<RawData.Step> used = data.steps("hrm", s);
            if (full.isEmpty() || used.isEmpty()) {
                continue;
            }
            int a = spikeCount(full);
            int b = spikeCount(used);
            seedsBoth++;
            fullSpikes += a;
            usedSpikes += b;
            parts.add(f("seed %d: full %d spikes in %d steps, used (hrm, bp 5 after warmup) %d in %d", s, a, full.size(), b,
                    used.size()));
        }
        String rule = f("spike: mean|g| > %.0f × median of the previous %d steps, counted after the first 20 %% of steps",
                SPIKE_K, SPIKE_WINDOW);
        Verdict v;
        if (seedsBoth == 0) {
            v = Verdict.inconclusive("no seed has both runs", scale);
        } else if (fullSpikes + usedSpikes < 5) {
            v = Verdict.inconclusive(f("only %d spikes in all (< 5): too rare to compare", fullSpikes + usedSpikes), scale);
        } else {
            v = fullSpikes > 2 * usedSpikes ? Verdict.agrees(scale) : fullSpikes * 2 < usedSpikes ? Verdict.disagrees(scale)
                    : Verdict.inconclusive(f("full %d vs used %d spikes, within a factor 2", fullSpikes, usedSpikes), scale);
        }
        return new FindingRow(claim, paper, rule + "; " + String.join("; ", parts), v);
    }

    int spikeCount(List<RawData.Step> s) {
        int count = 0;
        int start = (int) Math.ceil(steps * 0.2);
        for (int i = Math.max(start, SPIKE_WINDOW); i < s.size(); i++) {
            double[] w = new double[SPIKE_WINDOW];
            for (int k = 0; k < SPIKE_WINDOW; k++) {
                w[k] = s.get(i - SPIKE_WINDOW + k).stat("all", "mean_abs");
            }
            if (s.get(i).stat("all", "mean_abs") > SPIKE_K * Quantiles.median(w)) {
                count++;
            }
        }
        return count;
    }

    /** HRM keeps a higher median |g| and a lower tail-to-median than RINS (L and H stacks). */
    FindingRow hrmVsRins(TensorFindings tensors) {
        String claim = "HRM keeps a higher median |g| and a lower tail-to-median ratio than RINS";
        String paper = "§3.4: HRM's median |g| above RINS's, p99/p50 below";
        List<String> parts = new ArrayList<>();
        int agreeing = 0;
        int opposing = 0;
        int compared = 0;
        for (String g : List.of("L", "H")) {
            for (String stat : List.of("median", "tail")) {
                List<Double> d = new ArrayList<>();
                parts.add(tensors.paired("rins", g, g, stat, d));
                double[] arr = GridTable.toArray(d);
                if (arr.length == 0) {
                    continue;
                }
                compared++;
                WilcoxonSignedRank w = WilcoxonSignedRank.of(arr);
                double med = Quantiles.median(arr);
                boolean paperDirection = stat.equals("median") ? med > 0 : med < 0;
                boolean significant = w.enough() && w.p() < ALPHA;
                agreeing += significant && paperDirection ? 1 : 0;
                opposing += significant && !paperDirection ? 1 : 0;
            }
        }
        Verdict v = compared == 0 ? Verdict.inconclusive("no paired hrm and rins steps", scale)
                : agreeing == 4 ? Verdict.agrees(scale) : opposing == 4 ? Verdict.disagrees(scale)
                : Verdict.inconclusive(f("mixed: of 4 comparisons (median and p99/p50, L and H stacks) %d significant "
                        + "(Wilcoxon p < 0.05) in the paper's direction, %d significant against it", agreeing, opposing), scale);
        return new FindingRow(claim, paper, String.join("; ", parts), v);
    }

    /** HRM's tail-to-median matches the looped transformer's: equivalence within ×1.25 by bootstrap CI of the median log ratio. */
    FindingRow hrmVsUt(TensorFindings tensors) {
        String claim = "HRM's tail-to-median ratio matches the universal transformer's (all layers in one looped stack)";
        String paper = "§3.4: HRM and the looped transformer have similar p99/p50";
        List<String> parts = new ArrayList<>();
        Verdict v = Verdict.inconclusive("no paired hrm and ut steps", scale);
        boolean inside = true;
        boolean outside = false;
        boolean any = false;
        for (String g : List.of("L", "H")) {
            List<Double> d = new ArrayList<>();
            parts.add(tensors.paired("ut", g, "L", "tail", d));
            double[] arr = GridTable.toArray(d);
            if (arr.length == 0) {
                inside = false;
                continue;
            }
            any = true;
            BootstrapCi ci = BootstrapCi.ofQuantile(arr, 0.5, 0.95, BootstrapCi.RESAMPLES, 5);
            parts.add(f("median ratio 95%% CI [%.3f, %.3f]", Math.exp(ci.low()), Math.exp(ci.high())));
            double lim = Math.log(1.25);
            boolean enough = arr.length >= MIN_N;
            inside &= enough && ci.low() > -lim && ci.high() < lim;
            outside |= enough && (ci.low() > lim || ci.high() < -lim);
        }
        if (any) {
            v = inside ? Verdict.agrees(scale) : outside ? Verdict.disagrees(scale)
                    : Verdict.inconclusive("the CI of the median ratio straddles the ×1.25 equivalence margin", scale);
        }
        return new FindingRow(claim, paper, "criterion: the 95 % bootstrap CI of the median p99/p50 ratio lies inside "
                + "[0.8, 1.25] (agrees) or outside (disagrees); " + String.join("; ", parts), v);
    }

}
