package org.hrmtext.lab.study.v2;

import static org.hrmtext.lab.study.v2.ProtocolAnalysis.ALPHA;
import static org.hrmtext.lab.study.v2.ProtocolAnalysis.MIN_N;
import static org.hrmtext.lab.study.v2.ProtocolAnalysis.f;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.hrmtext.domain.diagnostics.TensorMoments;
import org.hrmtext.domain.model.ParameterLayout;

/**
 * The findings measured on per-tensor gradient moments ({@link TensorMoments}, recorded for every
 * grid cell at every checkpoint): every comparison runs on a fixed element set (the H- and L-stack
 * tensors, asserted non-zero in each compared cell), takes each statistic per tensor and
 * aggregates by the median over tensors, and gives the pooled value centred per tensor beside it.
 * Element dispersion is the standard deviation of {@code ln(|g| + ε)}, ε = 1e-30, over a tensor's
 * non-zero elements.
 */
final class TensorFindings {
    private final ProtocolAnalysis analysis;
    private final Map<String, ProtocolRunSpec> specs;
    private final int steps;
    private final String scale;

    TensorFindings(ProtocolAnalysis analysis, Map<String, ProtocolRunSpec> specs, int steps, String scale) {
        this.analysis = analysis;
        this.specs = Map.copyOf(specs);
        this.steps = steps;
        this.scale = scale;
    }

    /** Whether the report covers {@code run}. */
    boolean has(String run) {
        return specs.containsKey(run);
    }

    TensorSet set(String run) {
        return TensorSet.stacks(ParameterLayout.of(specs.get(run).config()));
    }

    /** The moments of {@code set} in one cell of a checkpoint, after asserting that none of its tensors is zero. */
    static List<TensorMoments> moments(RawData.Checkpoint cp, String cell, TensorSet set, String what) {
        return set.moments(cp.tensors(cell), what + " step " + cp.step() + " " + cell);
    }

    private List<RawData.Checkpoint> withTensors(String run, String batch) {
        return analysis.pooled(run, batch).stream().filter(cp -> !cp.tensors().isEmpty()).toList();
    }

    /**
     * Dispersion against backward depth on the same weights: per checkpoint and stack, the median
     * over tensors of {@code logStd(full) − logStd(shallow)}, and the same for the pooled value
     * centred per tensor; Wilcoxon over checkpoints; and the trend over training (Mann–Kendall per
     * seed) of the full-BPTT dispersion.
     */
    FindingRow dispersionVsDepth(String run, String shallow, String batch) {
        String claim = "Gradient magnitudes are lognormal and heavy-tailed, more so as backward depth grows (" + run + ", "
                + batch + ")";
        String paper = "App. C: std(log|g|) grows with the calls backpropagated; C.2: and over training";
        List<RawData.Checkpoint> cps = withTensors(run, batch);
        if (cps.isEmpty()) {
            return new FindingRow(claim, paper, "no complete checkpoints with per-tensor moments in raw.jsonl",
                    Verdict.inconclusive(analysis.pooled(run, batch).isEmpty() ? "no complete checkpoints of this run"
                            : "recorded without per-tensor moments (a backend without scoreWithStatistics)", scale));
        }
        List<String> parts = new ArrayList<>();
        boolean all = true;
        boolean opposite = false;
        for (String g : List.of("H", "L")) {
            TensorSet set = set(run).group(g);
            if (set.names().isEmpty()) {
                continue;
            }
            double[] d = new double[cps.size()];
            double[] pooled = new double[cps.size()];
            double[] tail = new double[cps.size()];
            for (int i = 0; i < d.length; i++) {
                List<TensorMoments> full = moments(cps.get(i), GridCell.FULL, set, run);
                List<TensorMoments> sh = moments(cps.get(i), shallow, set, run);
                d[i] = medianDifference(full, sh, TensorMoments::logStd);
                pooled[i] = TensorMoments.pooledCentredLogStd(full) - TensorMoments.pooledCentredLogStd(sh);
                tail[i] = medianDifference(full, sh, m -> Math.log(m.p99() / m.median()));
            }
            WilcoxonSignedRank w = WilcoxonSignedRank.of(d);
            double med = Quantiles.median(d);
            parts.add(f("%s stack (%d tensors): median over tensors of std ln|g| full − %s: median %+.4f (IQR %.4f) over N %d "
                    + "checkpoints, Wilcoxon p %.2g; pooled centred per tensor: median %+.4f (Wilcoxon p %.2g); "
                    + "ln(p99/p50) full − %s median %+.3f", g, set.names().size(), shallow, med, Quantiles.iqr(d), d.length,
                    w.p(), Quantiles.median(pooled), WilcoxonSignedRank.of(pooled).p(), shallow, Quantiles.median(tail)));
            parts.add(trend(run, batch, set, g));
            boolean sig = w.enough() && w.p() < ALPHA;
            all &= sig && med > 0;
            opposite |= sig && med < 0;
        }
        Verdict v = all ? Verdict.agrees(scale) : opposite ? Verdict.disagrees(scale)
                : Verdict.inconclusive("not both stacks significantly more dispersed under full BPTT (Wilcoxon p < 0.05)", scale);
        return new FindingRow(claim, paper, "same weights, fixed H+L element set, per tensor: " + String.join("; ", parts), v);
    }

    /** C.2-style: Mann–Kendall per seed of the full-BPTT cell's median-over-tensors dispersion over checkpoints. */
    private String trend(String run, String batch, TensorSet set, String group) {
        List<String> out = new ArrayList<>();
        for (long s : analysis.seedsWith(run)) {
            double[] x = analysis.checkpointsOf(run, s, batch).stream().filter(cp -> !cp.tensors().isEmpty())
                    .mapToDouble(cp -> TensorSet.medianOver(moments(cp, GridCell.FULL, set, run), TensorMoments::logStd))
                    .toArray();
            if (x.length > 1) {
                MannKendall mk = MannKendall.of(x);
                out.add(f("seed %d S %d p %.2g", s, mk.s(), mk.p()));
            }
        }
        return f("trend over training of the %s stack's full-BPTT dispersion (Mann–Kendall): ", group) + String.join(", ", out);
    }

    private static double medianDifference(List<TensorMoments> a, List<TensorMoments> b, ToDoubleFunction<TensorMoments> f) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(a.get(i)) - f.applyAsDouble(b.get(i));
        }
        return Quantiles.median(d);
    }

    /**
     * H vs L on element dispersion, per stack and tensor: the per-cycle increment (mean over j of
     * {@code H2_Lj − H1_Lj}) and the per-L-call increment (mean over k, j of
     * {@code Hk_L(j+1) − Hk_Lj}), and the same per call added (a cycle adds {@code j + 1} calls, one L
     * call in each of {@code k} cycles adds {@code k}); per checkpoint the median over tensors of
     * their difference; Wilcoxon over checkpoints. Empty without per-tensor moments.
     */
    Optional<FindingRow> hVsL(String run, String batch, int hCycles, int lCycles) {
        List<RawData.Checkpoint> cps = withTensors(run, batch);
        if (cps.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        boolean all = true;
        boolean opposite = false;
        int measured = 0;
        for (String g : List.of("H", "L")) {
            TensorSet set = set(run).group(g);
            if (set.names().isEmpty()) {
                continue;
            }
            int n = set.names().size();
            double[] cycle = new double[cps.size()];
            double[] call = new double[cps.size()];
            double[] hInc = new double[cps.size()];
            double[] lInc = new double[cps.size()];
            double[] absDiff = new double[cps.size()];
            for (int c = 0; c < cps.size(); c++) {
                RawData.Checkpoint cp = cps.get(c);
                double[] h = new double[n];
                double[] hCall = new double[n];
                double[] l = new double[n];
                double[] lCall = new double[n];
                for (int j = 1; j <= lCycles; j++) {
                    List<TensorMoments> a = moments(cp, "H" + hCycles + "_L" + j, set, run);
                    List<TensorMoments> b = moments(cp, "H" + (hCycles - 1) + "_L" + j, set, run);
                    for (int t = 0; t < n; t++) {
                        double d = a.get(t).logStd() - b.get(t).logStd();
                        h[t] += d / lCycles;
                        hCall[t] += d / (j + 1) / lCycles;
                    }
                }
                int pairs = hCycles * (lCycles - 1);
                for (int k = 1; k <= hCycles; k++) {
                    for (int j = 1; j < lCycles; j++) {
                        List<TensorMoments> a = moments(cp, "H" + k + "_L" + (j + 1), set, run);
                        List<TensorMoments> b = moments(cp, "H" + k + "_L" + j, set, run);
                        for (int t = 0; t < n; t++) {
                            double d = a.get(t).logStd() - b.get(t).logStd();
                            l[t] += d / pairs;
                            lCall[t] += d / k / pairs;
                        }
                    }
                }
                double[] diff = new double[n];
                double[] diffCall = new double[n];
                double[] abs = new double[n];
                for (int t = 0; t < n; t++) {
                    diff[t] = h[t] - l[t];
                    diffCall[t] = hCall[t] - lCall[t];
                    abs[t] = Math.abs(h[t]) - Math.abs(l[t]);
                }
                absDiff[c] = Quantiles.median(abs);
                cycle[c] = Quantiles.median(diff);
                call[c] = Quantiles.median(diffCall);
                hInc[c] = Quantiles.median(h);
                lInc[c] = Quantiles.median(l);
            }
            measured++;
            WilcoxonSignedRank w = WilcoxonSignedRank.of(cycle);
            WilcoxonSignedRank wc = WilcoxonSignedRank.of(call);
            double med = Quantiles.median(cycle);
            parts.add(f("%s stack (%d tensors): +1 H cycle %+.4f, +1 L call per cycle %+.4f (medians over N %d checkpoints of "
                    + "the median over tensors); per cycle, H − L median %+.4f, Wilcoxon p %.2g; per call added, H − L "
                    + "median %+.4f, Wilcoxon p %.2g; in size regardless of sign, |H| − |L| per cycle median %+.4f, "
                    + "Wilcoxon p %.2g", g, n, Quantiles.median(hInc), Quantiles.median(lInc), cps.size(), med, w.p(),
                    Quantiles.median(call), wc.p(), Quantiles.median(absDiff), WilcoxonSignedRank.of(absDiff).p()));
            boolean sig = w.enough() && w.p() < ALPHA;
            all &= sig && med > 0;
            opposite |= sig && med < 0;
        }
        if (measured == 0) {
            return Optional.empty();
        }
        Verdict v = all ? Verdict.agrees(scale) : opposite ? new Verdict(Verdict.Kind.DISAGREES, "in a stack the "
                + "per-cycle increment is significantly below the per-L-call one: an H cycle does not grow the dispersion "
                + "more than an L call does", scale)
                : Verdict.inconclusive("the per-cycle increment does not exceed the per-L-call one significantly in both stacks",
                        scale);
        return Optional.of(new FindingRow("Growth of std(log|g|) is driven mainly by the number of H cycles backpropagated ("
                + run + ", " + batch + ", element dispersion)", "App. C: the per-cycle increment of dispersion exceeds the "
                + "per-L-call increment", "same weights, fixed element set, per tensor (ε 1e-30): " + String.join("; ", parts), v));
    }

    /**
     * Paired full vs used on the same weights, per run (never pooled over runs): the ratio of the
     * mean |g| over the H+L elements (both schedules train every one of them) under full BPTT to
     * HRM's used H2_L2 and to the code's bp5; the verdict from the {@code hrm} run against H2_L2.
     */
    FindingRow fullVsUsed(String batch) {
        String claim = "Full BPTT shows rare, much larger gradient spikes than truncated credit assignment";
        String paper = "paired full/used mean |g| ratio: p95 1.89×, max 35.7×";
        List<String> parts = new ArrayList<>();
        Verdict v = Verdict.inconclusive("no complete hrm checkpoints with per-tensor moments", scale);
        for (String run : List.of("hrm", "hrm_full")) {
            if (!specs.containsKey(run)) {
                continue;
            }
            TensorSet set = set(run);
            for (String used : List.of("H2_L2", GridCell.BP5)) {
                double[] x = ratios(run, batch, used, set);
                if (x.length == 0) {
                    continue;
                }
                double[] perTensor = withTensors(run, batch).stream().mapToDouble(cp -> medianDifference(
                        moments(cp, GridCell.FULL, set, run), moments(cp, used, set, run), m -> Math.log(m.meanAbs()))).toArray();
                BootstrapCi ci = BootstrapCi.ofP95(x, 12);
                double max = Quantiles.max(x);
                SignTest st = SignTest.of(Arrays.stream(x).map(Math::log).toArray());
                parts.add(f("%s run, full/%s: N %d checkpoints, median %.3f, p95 %.3f [95%% CI %.3f, %.3f], max %.3f; full > "
                        + "used in %d of %d (sign test p %.2g); median over tensors of the per-tensor ratio %.3f", run, used,
                        x.length, Quantiles.median(x), ci.estimate(), ci.low(), ci.high(), max, st.positive(), st.n(), st.p(),
                        Math.exp(Quantiles.median(perTensor))));
                if (run.equals("hrm") && used.equals("H2_L2")) {
                    v = verdict(ci, max, x.length);
                }
            }
        }
        return new FindingRow(claim + " (" + batch + " batch)", paper, f("ratio of mean |g| (L1/n) over the %d H+L stack tensors; ",
                set("hrm").names().size()) + String.join("; ", parts), v);
    }

    /** Per checkpoint, pooled mean |g| over the set under full ÷ under {@code used}. */
    double[] ratios(String run, String batch, String used, TensorSet set) {
        return withTensors(run, batch).stream().mapToDouble(cp -> TensorSet.pooledMeanAbs(moments(cp, GridCell.FULL, set, run))
                / TensorSet.pooledMeanAbs(moments(cp, used, set, run))).toArray();
    }

    private Verdict verdict(BootstrapCi ci, double max, int n) {
        if (n < MIN_N) {
            return Verdict.inconclusive(f("N %d < %d checkpoints", n, MIN_N), scale);
        }
        if (ci.low() > 1 && max >= 2 * ci.estimate()) {
            return Verdict.agrees(scale);
        }
        if (ci.high() < 1.25 && max < 2) {
            return Verdict.disagrees(scale);
        }
        return Verdict.inconclusive(f("hrm run vs H2_L2; agrees iff p95 CI above 1 and max ≥ 2 × p95, disagrees iff p95 CI "
                + "below 1.25 and max < 2; here p95 CI [%.2f, %.2f], max %.2f", ci.low(), ci.high(), max), scale);
    }

    /** The grid cell whose schedule is the run's own training credit after its warmup, if the grid has one. */
    Optional<String> ownCell(String run) {
        ProtocolRunSpec spec = specs.get(run);
        List<Boolean> own = spec.credit().scheduleAt(steps).calls().stream().map(c -> c.carriesGradient()).toList();
        return GridCell.gridOf(spec.config()).stream()
                .filter(c -> c.schedule().calls().stream().map(x -> x.carriesGradient()).toList().equals(own))
                .map(GridCell::name).findFirst();
    }

    /**
     * HRM against a baseline at their own credit after the warmup (each run's grid cell equal to its
     * training schedule), on the same held-out batches (one seed's runs draw the same ones), paired
     * by (seed, checkpoint) after the first 20 % of steps: the log ratio of the median over one
     * stack's tensors of a per-tensor statistic; Wilcoxon, and Mann–Kendall on the series.
     */
    String paired(String other, String hrmGroup, String otherGroup, String stat, List<Double> out) {
        Optional<String> a = ownCell("hrm");
        Optional<String> b = ownCell(other);
        if (a.isEmpty() || b.isEmpty()) {
            return f("%s: no grid cell equals the run's own credit", other);
        }
        TensorSet hs = set("hrm").group(hrmGroup);
        TensorSet os = set(other).group(otherGroup);
        ToDoubleFunction<TensorMoments> f = stat.equals("tail") ? m -> m.p99() / m.median() : TensorMoments::median;
        List<Double> d = new ArrayList<>();
        List<String> trends = new ArrayList<>();
        for (long s : analysis.seedsWith("hrm")) {
            List<Double> series = new ArrayList<>();
            Map<Integer, RawData.Checkpoint> theirs = new java.util.HashMap<>();
            analysis.checkpointsOf(other, s, "heldout").forEach(cp -> theirs.put(cp.step(), cp));
            for (RawData.Checkpoint cp : analysis.checkpointsOf("hrm", s, "heldout")) {
                RawData.Checkpoint o = theirs.get(cp.step());
                if (cp.step() <= steps * 0.2 || o == null || cp.tensors().isEmpty() || o.tensors().isEmpty()) {
                    continue;
                }
                double x = TensorSet.medianOver(moments(cp, a.get(), hs, "hrm"), f);
                double y = TensorSet.medianOver(moments(o, b.get(), os, other), f);
                if (x > 0 && y > 0) {
                    series.add(Math.log(x / y));
                }
            }
            if (series.size() > 1) {
                MannKendall mk = MannKendall.of(GridTable.toArray(series));
                trends.add(f("seed %d S %d p %.2g", s, mk.s(), mk.p()));
            }
            d.addAll(series);
        }
        out.addAll(d);
        double[] arr = GridTable.toArray(d);
        String what = f("%s (median over tensors) hrm[%s, %s]/%s[%s, %s]", stat.equals("tail") ? "p99/p50" : "median |g|",
                hrmGroup, a.get(), other, otherGroup, b.get());
        if (arr.length == 0) {
            return what + ": no paired checkpoints";
        }
        WilcoxonSignedRank w = WilcoxonSignedRank.of(arr);
        return f("%s: median ratio %.3f, N %d, Wilcoxon p %.2g, trend of the ln ratio over training (Mann–Kendall): %s", what,
                Math.exp(Quantiles.median(arr)), arr.length, w.p(), String.join(", ", trends));
    }
}
