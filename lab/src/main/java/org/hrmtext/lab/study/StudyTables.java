package org.hrmtext.lab.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.diagnostics.EffectiveDepth;
import org.hrmtext.domain.diagnostics.GradientGroup;
import org.hrmtext.domain.diagnostics.MagnitudeStatistics;

/**
 * The study's tables, each as JSONL and CSV: {@code steps} (per setting and step: loss, global
 * norm, and the gradient statistics overall and per group), {@code paired} (full and truncated
 * norms per checkpoint and held-out batch), {@code probe} (effective depth per call) and
 * {@code settings} (one summary row per setting, as in the report).
 */
final class StudyTables {
    static final List<String> STATISTICS = List.of("count", "zero_fraction", "mean_abs", "median_abs", "p95_abs", "p99_abs",
            "max_abs", "tail_to_median", "log_abs_std", "norm");
    static final List<String> GROUPS = List.of("all", GradientGroup.EMBEDDING.key(), GradientGroup.HIGH_STACK.key(),
            GradientGroup.LOW_STACK.key(), GradientGroup.HEAD.key());

    private StudyTables() {
    }

    static void write(Path dir, List<SettingResult> results, List<SettingSummary> summaries) {
        steps(dir, results);
        paired(dir, results);
        probe(dir, results);
        List<Map<String, Object>> rows = summaries.stream().map(SettingSummary::toRow).toList();
        TableFiles.write(dir, "settings", rows, SettingSummary.COLUMNS, rows);
    }

    private static void steps(Path dir, List<SettingResult> results) {
        List<Map<String, Object>> json = new ArrayList<>();
        List<Map<String, Object>> flat = new ArrayList<>();
        for (SettingResult r : results) {
            for (StepRecord s : r.steps()) {
                Map<String, Object> key = key(r.setting());
                key.put("step", s.step());
                key.put("loss", s.loss());
                key.put("grad_norm", s.gradNorm());
                Map<String, Object> j = new LinkedHashMap<>(key);
                j.put("gradients", s.statistics().toJson());
                json.add(j);
                Map<String, Object> f = new LinkedHashMap<>(key);
                flatten(f, "all", s.statistics().all());
                s.statistics().groups().forEach((g, st) -> flatten(f, g.key(), st));
                flat.add(f);
            }
        }
        List<String> columns = new ArrayList<>(List.of("arch", "depth", "effective", "backward_depth", "step", "loss", "grad_norm"));
        GROUPS.forEach(g -> STATISTICS.forEach(s -> columns.add(g + "_" + s)));
        TableFiles.write(dir, "steps", json, columns, flat);
    }

    private static void flatten(Map<String, Object> row, String group, MagnitudeStatistics s) {
        s.toJson().forEach((k, v) -> row.put(group + "_" + k, v));
    }

    private static void paired(Path dir, List<SettingResult> results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SettingResult r : results) {
            for (PairedSample p : r.pairs()) {
                Map<String, Object> m = key(r.setting());
                m.put("truncated", p.truncated());
                m.put("step", p.step());
                m.put("batch", p.batch());
                m.put("full_norm", p.full());
                m.put("truncated_norm", p.truncatedNorm());
                m.put("ratio", p.ratio());
                rows.add(m);
            }
        }
        TableFiles.write(dir, "paired", rows, List.of("arch", "depth", "effective", "backward_depth", "truncated", "step",
                "batch", "full_norm", "truncated_norm", "ratio"), rows);
    }

    private static void probe(Path dir, List<SettingResult> results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SettingResult r : results) {
            for (EffectiveDepth.Call c : r.probe().calls()) {
                Map<String, Object> m = key(r.setting());
                m.put("step", r.steps().size());
                m.putAll(c.toJson());
                rows.add(m);
            }
        }
        TableFiles.write(dir, "probe", rows, List.of("arch", "depth", "effective", "backward_depth", "step", "call", "label",
                "relative_change", "cosine", "logit_lens_kl"), rows);
    }

    private static Map<String, Object> key(StudySetting s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", s.arch().configName());
        m.put("depth", s.requested().toString());
        m.put("effective", s.effective().toString());
        m.put("backward_depth", s.backwardDepth());
        return m;
    }
}
