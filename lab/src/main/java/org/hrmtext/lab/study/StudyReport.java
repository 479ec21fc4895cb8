package org.hrmtext.lab.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hrmtext.app.io.AtomicFiles;

/**
 * Writes {@code REPORT.md}: the setup, each finding of the paper beside this run's numbers and a
 * verdict, the per-setting table, the clamped and skipped settings, the definitions, and the files.
 */
final class StudyReport {
    static final List<String> SECTIONS = List.of("## Setup", "## Findings", "## Settings", "## Clamped and skipped settings",
            "## Definitions", "## Files");

    private StudyReport() {
    }

    static void write(Path file, StudyRequest request, String backend, StudyPlan plan, List<SettingSummary> summaries,
            List<Finding> findings, double seconds) {
        StringBuilder md = new StringBuilder("# Gradient-dynamics study\n\n");
        md.append(SECTIONS.get(0)).append("\n\n");
        md.append(f("- preset `%s` (model preset `%s`), backend `%s`, %d steps per setting, seed %d, %d rows × %d tokens a step, "
                + "lr %.1e (AdamATan2, 10 %% warmup)\n", request.preset().name(), request.preset().modelPreset(), backend,
                request.steps(), request.seed(), request.preset().rows(), request.preset().seqLen(), request.preset().learningRate()));
        md.append(f("- data: %s\n", request.data().map(p -> "`" + p + "`").orElse("built-in digit reversal task (2000 samples)")));
        md.append(f("- architectures: %s; depths: %s\n", request.archs().stream().map(a -> a.configName()).toList(),
                request.depths()));
        md.append(f("- paired comparison at steps %s on %d held-out batches; probe after the last step; %d settings in %.0f s\n\n",
                request.checkpointSteps(), request.preset().evalBatches(), summaries.size(), seconds));
        md.append(SECTIONS.get(1)).append("\n\n");
        for (int i = 0; i < findings.size(); i++) {
            Finding x = findings.get(i);
            md.append(f("### %d. %s\n\n- paper: %s\n- this run: %s\n- verdict: **%s**\n\n", i + 1, x.claim(), x.paper(),
                    x.measured(), x.verdict().text()));
        }
        md.append(SECTIONS.get(2)).append("\n\nMedians over the steps of each setting; paired figures over its checkpoints.\n\n");
        md.append("| ").append(String.join(" | ", SettingSummary.COLUMNS)).append(" |\n|");
        md.append(" --- |".repeat(SettingSummary.COLUMNS.size())).append('\n');
        for (SettingSummary s : summaries) {
            Map<String, Object> row = s.toRow();
            md.append("| ").append(SettingSummary.COLUMNS.stream().map(c -> cell(row.get(c))).collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        md.append('\n').append(SECTIONS.get(3)).append("\n\n");
        md.append(plan.notes().isEmpty() ? "None.\n" : plan.notes().stream().map(n -> "- " + n + "\n").collect(Collectors.joining()));
        md.append('\n').append(SECTIONS.get(4)).append("\n\n");
        md.append("- |g| statistics are over the non-zero gradient elements of every trained tensor (exact zeros, e.g. embedding rows "
                + "of tokens absent from the batch, are reported as `zero_fraction`); percentiles are nearest-rank; "
                + "std log|g| is the population std of ln(|g| + 1e-30); tail-to-median = p99 / median.\n");
        md.append("- paired: global L2 norm of all gradients under full BPTT and under the setting's truncated credit "
                + "(for the `full` setting: the architecture's own truncation) on the same weights and batch; ratio = full / truncated.\n");
        md.append(f("- effective depth: per call, relative change ‖a − b‖/‖b‖ and cosine against the previous value of its state, "
                + "logit-lens KL(final ‖ call) through lm_head, averaged over labelled positions; `active_calls` counts calls "
                + "with relative change ≥ %.2f.\n\n", SettingSummary.ACTIVE_CHANGE));
        md.append(SECTIONS.get(5)).append("\n\n");
        md.append("`steps.jsonl/.csv`, `paired.jsonl/.csv`, `probe.jsonl/.csv`, `settings.jsonl/.csv`, ");
        md.append(StudyPlots.FILES.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", "))).append(".\n");
        AtomicFiles.writeString(file, md.toString());
    }

    private static String cell(Object v) {
        if (v == null) {
            return "–";
        }
        return v instanceof Double ? f("%.4g", (Double) v) : v.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
