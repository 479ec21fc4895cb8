package org.hrmtext.lab.study;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.hrmtext.app.plot.Chart;
import org.hrmtext.domain.diagnostics.EffectiveDepth;
import org.hrmtext.domain.diagnostics.MagnitudeStatistics;

/**
 * The study's figures, one PNG each, coloured by architecture: median |g| and tail-to-median over
 * steps (one line per setting), dispersion std(log|g|) against backward depth, the paired scatter
 * of full against truncated global norms, and the effective-depth probe per call (relative change
 * and logit-lens KL, at each architecture's deepest setting).
 */
final class StudyPlots {
    static final List<String> FILES = List.of("median_over_steps.png", "tail_to_median_over_steps.png",
            "dispersion_vs_depth.png", "paired_scatter.png", "effective_depth.png", "logit_lens_kl.png");
    private static final Map<String, Color> COLORS = Map.of("hrm", new Color(31, 119, 180), "rins", new Color(214, 39, 40),
            "universal_transformer", new Color(44, 160, 44), "trm", new Color(148, 103, 189),
            "transformer", new Color(127, 127, 127));

    private StudyPlots() {
    }

    static void write(Path dir, List<SettingResult> results, List<SettingSummary> summaries) {
        overSteps(results, "median |g| over steps", "median |g|", MagnitudeStatistics::median).write(dir.resolve(FILES.get(0)));
        overSteps(results, "tail-to-median p99/p50 over steps", "p99 / median", MagnitudeStatistics::tailToMedian)
                .write(dir.resolve(FILES.get(1)));
        Chart dispersion = new Chart("dispersion vs backward depth (median over steps)", "backward depth (module calls)",
                "std log|g|", false, false);
        summaries.stream().collect(Collectors.groupingBy(s -> s.setting().arch().configName())).forEach((arch, s) -> {
            List<SettingSummary> sorted = s.stream().sorted(Comparator.comparingInt(x -> x.setting().backwardDepth())).toList();
            dispersion.add(new Chart.Series(arch, color(arch), sorted.stream().mapToDouble(x -> x.setting().backwardDepth()).toArray(),
                    sorted.stream().mapToDouble(SettingSummary::logStd).toArray(), true));
        });
        dispersion.write(dir.resolve(FILES.get(2)));
        Chart scatter = new Chart("paired global gradient norm: full vs truncated (same weights and batch)",
                "truncated", "full BPTT", true, true).withDiagonal();
        results.stream().flatMap(r -> r.pairs().stream()).collect(Collectors.groupingBy(PairedSample::arch))
                .forEach((arch, p) -> scatter.add(new Chart.Series(arch, color(arch),
                        p.stream().mapToDouble(PairedSample::truncatedNorm).toArray(),
                        p.stream().mapToDouble(PairedSample::full).toArray(), false)));
        scatter.write(dir.resolve(FILES.get(3)));
        perCall(results, "effective depth: relative change of each call's state", "‖a − b‖ / ‖b‖",
                EffectiveDepth.Call::relativeChange).write(dir.resolve(FILES.get(4)));
        perCall(results, "logit lens: KL(final ‖ call) per call", "KL (nats)", EffectiveDepth.Call::logitLensKl)
                .write(dir.resolve(FILES.get(5)));
    }

    private static Chart overSteps(List<SettingResult> results, String title, String y, ToDoubleFunction<MagnitudeStatistics> f) {
        Chart c = new Chart(title, "step", y, false, true);
        Map<String, Integer> seen = new HashMap<>();
        for (SettingResult r : results) {
            int k = seen.merge(r.setting().arch().configName(), 1, Integer::sum) - 1;
            c.add(new Chart.Series(r.setting().label(), shade(color(r.setting().arch().configName()), k),
                    r.steps().stream().mapToDouble(StepRecord::step).toArray(),
                    r.steps().stream().mapToDouble(s -> f.applyAsDouble(s.statistics().all())).toArray(), true));
        }
        return c;
    }

    private static Chart perCall(List<SettingResult> results, String title, String y, ToDoubleFunction<EffectiveDepth.Call> f) {
        Chart c = new Chart(title, "module call (1 = first)", y, false, false);
        results.stream().collect(Collectors.groupingBy(r -> r.setting().arch().configName())).forEach((arch, r) -> {
            SettingResult deepest = r.stream().max(Comparator.comparingInt(x -> x.setting().backwardDepth())).orElseThrow();
            List<EffectiveDepth.Call> calls = deepest.probe().calls();
            c.add(new Chart.Series(deepest.setting().label(), color(arch),
                    calls.stream().mapToDouble(x -> x.call() + 1).toArray(), calls.stream().mapToDouble(f).toArray(), true));
        });
        return c;
    }

    /** The {@code k}-th setting of an architecture: its colour, lightened step by step. */
    private static Color shade(Color c, int k) {
        double w = Math.min(0.7, 0.12 * k);
        return new Color((int) (c.getRed() + (255 - c.getRed()) * w), (int) (c.getGreen() + (255 - c.getGreen()) * w),
                (int) (c.getBlue() + (255 - c.getBlue()) * w));
    }

    private static Color color(String arch) {
        return COLORS.getOrDefault(arch, Color.BLACK);
    }
}
