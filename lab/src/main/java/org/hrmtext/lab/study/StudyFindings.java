package org.hrmtext.lab.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hrmtext.lab.study.Finding.Verdict;
import org.hrmtext.domain.schedule.CreditPattern;

/**
 * Turns the setting summaries into the paper's five findings, each with a stated criterion:
 * tails grow with backward depth (and how lognormal they are), full backprop's rare large spikes
 * (paired ratio), dispersion driven by H calls rather than L calls, HRM against RINS, and HRM
 * against the universal transformer.
 */
final class StudyFindings {
    private static final double UT_MATCH = 1.25;

    private StudyFindings() {
    }

    static List<Finding> of(List<SettingSummary> summaries, List<PairedSample> pairs) {
        Map<String, List<SettingSummary>> byArch = summaries.stream()
                .collect(Collectors.groupingBy(s -> s.setting().arch().configName(), LinkedHashMap::new, Collectors.toList()));
        return List.of(tailsGrowWithDepth(byArch), fullBackpropSpikes(pairs), dispersionFromHighCalls(byArch),
                compare(byArch, "rins", "HRM keeps a higher median |g| and a lower tail-to-median ratio than RINS",
                        "HRM: higher median |g| and lower p99/p50 than RINS", true),
                compare(byArch, "universal_transformer", "HRM's tail-to-median ratio matches the universal transformer's",
                        "HRM matches the universal transformer's stability", false));
    }

    private static Finding tailsGrowWithDepth(Map<String, List<SettingSummary>> byArch) {
        String claim = "Gradient magnitudes are roughly lognormal and heavy-tailed, more so as backward depth grows";
        String paper = "std(log|g|) and the tail grow with the number of module calls backpropagated";
        List<String> parts = new ArrayList<>();
        int archs = 0;
        int growing = 0;
        for (var e : byArch.entrySet()) {
            List<SettingSummary> s = e.getValue().stream().sorted(Comparator.comparingInt(x -> x.setting().backwardDepth())).toList();
            if (s.size() < 2 || s.get(0).setting().backwardDepth() == s.get(s.size() - 1).setting().backwardDepth()) {
                continue;
            }
            SettingSummary lo = s.get(0);
            SettingSummary hi = s.get(s.size() - 1);
            archs++;
            growing += hi.logStd() > lo.logStd() && hi.tailToMedian() > lo.tailToMedian() ? 1 : 0;
            parts.add(f("%s: std log|g| %.3f → %.3f, p99/p50 %.2f → %.2f (depth %d → %d calls)", e.getKey(), lo.logStd(),
                    hi.logStd(), lo.tailToMedian(), hi.tailToMedian(), lo.setting().backwardDepth(), hi.setting().backwardDepth()));
        }
        double[] lognormal = byArch.values().stream().flatMap(List::stream)
                .mapToDouble(s -> s.tailToMedian() / s.lognormalTailToMedian()).sorted().toArray();
        parts.add(f("measured p99/p50 over the lognormal prediction exp(2.326·std): median %.2f over settings "
                + "(1 = lognormal, > 1 heavier than lognormal)", lognormal[lognormal.length / 2]));
        Verdict v = archs == 0 ? Verdict.NOT_MEASURED : growing == archs ? Verdict.AGREES : growing > 0 ? Verdict.PARTLY
                : Verdict.DISAGREES;
        return new Finding(claim, paper, String.join("; ", parts) + f(" (both grow in %d of %d architectures)", growing, archs), v);
    }

    private static Finding fullBackpropSpikes(List<PairedSample> pairs) {
        String claim = "Full backprop through time shows rare, much larger gradient spikes than truncated credit assignment";
        String paper = "paired full/truncated global-norm ratio: 95th percentile 1.89×, max 35.7×";
        if (pairs.isEmpty()) {
            return new Finding(claim, paper, "no paired samples", Verdict.NOT_MEASURED);
        }
        List<String> parts = new ArrayList<>();
        pairs.stream().collect(Collectors.groupingBy(PairedSample::arch, LinkedHashMap::new, Collectors.toList()))
                .forEach((arch, p) -> parts.add(describe(arch, PairedSummary.of(p))));
        PairedSummary hrm = PairedSummary.of(pairs.stream().filter(p -> p.arch().equals("hrm")).toList());
        PairedSummary main = hrm.pairs() > 0 ? hrm : PairedSummary.of(pairs);
        Verdict v = main.p95Ratio() > 1 && main.maxRatio() >= 2 * main.p95Ratio() ? Verdict.AGREES
                : main.p95Ratio() > 1 ? Verdict.PARTLY : Verdict.DISAGREES;
        return new Finding(claim, paper, String.join("; ", parts) + " (criterion, on "
                + (hrm.pairs() > 0 ? "hrm" : "all architectures") + ": 95th pct > 1 and max ≥ 2 × 95th pct)", v);
    }

    private static String describe(String arch, PairedSummary s) {
        return f("%s: P(full > truncated) = %.2f, 95th pct ratio %.2f×, max %.2f× over %d pairs", arch, s.pFullGreater(),
                s.p95Ratio(), s.maxRatio(), s.pairs());
    }

    private static Finding dispersionFromHighCalls(Map<String, List<SettingSummary>> byArch) {
        String claim = "Growth of std(log|g|) is driven mainly by the number of H cycles backpropagated";
        String paper = "adding an H call to the backward window raises the dispersion more than adding L calls";
        List<Double> perHigh = new ArrayList<>();
        List<Double> perLow = new ArrayList<>();
        for (String arch : List.of("hrm", "trm")) {
            Map<CreditPattern, SettingSummary> cells = byArch.getOrDefault(arch, List.of()).stream()
                    .collect(Collectors.toMap(s -> s.setting().effective(), s -> s, (a, b) -> a));
            cells.forEach((p, s) -> {
                SettingSummary h = cells.get(new CreditPattern(p.highCalls() + 1, p.lowCalls()));
                SettingSummary l = cells.get(new CreditPattern(p.highCalls(), p.lowCalls() + 1));
                if (h != null) {
                    perHigh.add(h.logStd() - s.logStd());
                }
                if (l != null) {
                    perLow.add(l.logStd() - s.logStd());
                }
            });
        }
        if (perHigh.isEmpty() || perLow.isEmpty()) {
            return new Finding(claim, paper, "needs hrm or trm depths that differ by one H call and by one L call "
                    + "(e.g. H1L2, H2L2, H1L3)", Verdict.NOT_MEASURED);
        }
        double dh = mean(perHigh);
        double dl = mean(perLow);
        return new Finding(claim, paper, f("mean change of std log|g| per extra H call %+.4f (%d pairs), per extra L call "
                + "%+.4f (%d pairs), hrm and trm", dh, perHigh.size(), dl, perLow.size()),
                dh > 0 && dh > dl ? Verdict.AGREES : Verdict.DISAGREES);
    }

    private static Finding compare(Map<String, List<SettingSummary>> byArch, String other, String claim, String paper,
            boolean rins) {
        Map<String, SettingSummary> hrm = byDepth(byArch.get("hrm"));
        Map<String, SettingSummary> base = byDepth(byArch.get(other));
        List<String> common = hrm.keySet().stream().filter(base::containsKey).toList();
        if (common.isEmpty()) {
            return new Finding(claim, paper, "needs hrm and " + other + " at a common depth pattern", Verdict.NOT_MEASURED);
        }
        double median = geometricMean(common.stream().map(d -> hrm.get(d).medianAbs() / base.get(d).medianAbs()).toList());
        double tail = geometricMean(common.stream().map(d -> hrm.get(d).tailToMedian() / base.get(d).tailToMedian()).toList());
        String measured = f("at %s: hrm/%s median |g| ratio %.2f, p99/p50 ratio %.2f (geometric means; ", common, other,
                median, tail) + common.stream().map(d -> f("%s: %.3g vs %.3g, %.2f vs %.2f", d, hrm.get(d).medianAbs(),
                        base.get(d).medianAbs(), hrm.get(d).tailToMedian(), base.get(d).tailToMedian())).collect(Collectors.joining("; ")) + ")";
        Verdict v;
        if (rins) {
            v = median > 1 && tail < 1 ? Verdict.AGREES : median > 1 || tail < 1 ? Verdict.PARTLY : Verdict.DISAGREES;
        } else {
            v = tail <= UT_MATCH ? Verdict.AGREES : Verdict.DISAGREES;
            measured += f(" (criterion: hrm's p99/p50 at most %.2f × the universal transformer's)", UT_MATCH);
        }
        return new Finding(claim, paper, measured, v);
    }

    private static Map<String, SettingSummary> byDepth(List<SettingSummary> s) {
        Map<String, SettingSummary> m = new LinkedHashMap<>();
        if (s != null) {
            s.forEach(x -> m.put(x.setting().requested().toString(), x));
        }
        return m;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double geometricMean(List<Double> v) {
        return Math.exp(v.stream().mapToDouble(Math::log).average().orElse(Double.NaN));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
