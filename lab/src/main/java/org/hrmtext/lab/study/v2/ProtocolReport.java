package org.hrmtext.lab.study.v2;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.app.plot.Chart;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.json.Json;
import org.hrmtext.domain.model.ParameterLayout;

/**
 * Writes {@code DIR/REPORT.md} and its plots from {@code DIR/meta.json} and {@code DIR/raw.jsonl}
 * (complete or cut off): the grid mapping, the per-cell grid table, and the verdict table.
 */
public final class ProtocolReport {
    public static final String REPORT = "REPORT.md";
    static final List<String> PLOTS = List.of("grid_magnitude.png", "paired_full_vs_used.png", "mean_abs_over_steps.png");
    private static final Map<String, Color> COLORS = Map.of("hrm", new Color(31, 119, 180), "hrm_full", new Color(255, 127, 14),
            "rins", new Color(214, 39, 40), "ut", new Color(44, 160, 44), "trm", new Color(148, 103, 189));

    private ProtocolReport() {
    }

    /** Reads the raw records of {@code dir}, writes the report and plots, and returns the report's path. */
    @SuppressWarnings("unchecked")
    public static Path write(Path dir, double seconds) {
        Path raw = dir.resolve(RawLog.FILE);
        Path metaFile = dir.resolve(ProtocolStudy.META);
        if (!Files.isRegularFile(raw) || !Files.isRegularFile(metaFile)) {
            throw new InvalidInputException(dir + ": expected raw.jsonl and meta.json of a protocol-v2 run");
        }
        Map<String, Object> meta;
        try {
            meta = Json.parseObject(Files.readString(metaFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaFile + ": " + e.getMessage(), e);
        }
        String modelPreset = (String) meta.get("model_preset");
        int steps = ((Number) meta.get("steps")).intValue();
        int every = ((Number) meta.get("every")).intValue();
        List<Long> seeds = ((List<Object>) meta.get("seeds")).stream().map(o -> ((Number) o).longValue()).toList();
        List<String> runs = (List<String>) meta.get("runs");
        Map<String, ProtocolRunSpec> specs = new LinkedHashMap<>();
        Map<String, Integer> gridSizes = new LinkedHashMap<>();
        for (String r : runs) {
            ProtocolRunSpec spec = ProtocolRunSpec.of(r, modelPreset, steps);
            specs.put(r, spec);
            gridSizes.put(r, GridCell.gridOf(spec.config()).size());
        }
        RawData data = RawData.read(raw, gridSizes);
        ModelConfig hrm = ProtocolRunSpec.of("hrm", modelPreset, steps).config();
        List<String> complete = new ArrayList<>();
        for (String r : runs) {
            for (long s : seeds) {
                int n = data.checkpoints(r, s, "heldout").size();
                if (n > 0 || !data.steps(r, s).isEmpty()) {
                    complete.add(f("%s seed %d: %d steps, %d checkpoints", r, s, data.steps(r, s).size(), n));
                }
            }
        }
        long seedsDone = seeds.stream().filter(s -> runs.stream().allMatch(r -> data.steps(r, s).size() >= steps)).count();
        String scale = f("preset %s (model %s: hidden %d, %d layers per stack), %d steps of %s × %s tokens, seeds with "
                + "all runs complete %d of %d", meta.get("preset"), modelPreset, hrm.hiddenSize(), hrm.numHiddenLayers(),
                steps, meta.get("rows"), meta.get("seq_len"), seedsDone, seeds.size());
        ProtocolAnalysis a = new ProtocolAnalysis(data, seeds, steps, scale);
        TensorFindings t = new TensorFindings(a, specs, steps, scale);
        DepthFindings depth = new DepthFindings(data, seeds, runs, scale);
        List<FindingRow> findings = new ArrayList<>();
        for (String r : List.of("hrm", "hrm_full")) {
            if (specs.containsKey(r)) {
                findings.add(t.dispersionVsDepth(r, "H1_L1", "heldout"));
            }
        }
        if (specs.containsKey("hrm_full") || specs.containsKey("hrm")) {
            findings.add(t.fullVsUsed("heldout"));
            findings.add(t.fullVsUsed("train"));
        }
        findings.add(a.spikes());
        for (String r : List.of("hrm", "trm")) {
            if (specs.containsKey(r)) {
                ModelConfig c = specs.get(r).config();
                t.hVsL(r, "heldout", c.recurrence().hCycles(), c.recurrence().lCycles()).ifPresent(findings::add);
            }
        }
        if (specs.containsKey("rins")) {
            findings.add(a.hrmVsRins(t));
        }
        if (specs.containsKey("ut")) {
            findings.add(a.hrmVsUt(t));
        }
        findings.add(depth.jacobianRow());
        List<GridTable.Row> grid = new ArrayList<>();
        for (String r : runs) {
            ProtocolRunSpec spec = specs.get(r);
            TensorSet set = TensorSet.stacks(ParameterLayout.of(spec.config()));
            for (String b : List.of("heldout", "train")) {
                List<List<RawData.Checkpoint>> perSeed = seeds.stream().map(s -> data.checkpoints(r, s, b)).toList();
                grid.addAll(GridTable.of(r, b, GridCell.gridOf(spec.config()), set, perSeed));
            }
        }
        plots(dir, data, seeds, grid, t);
        depth.plots(dir, COLORS);
        Path report = dir.resolve(REPORT);
        AtomicFiles.writeString(report, markdown(meta, scale, complete, findings, grid, seconds, depth));
        return report;
    }

    private static String markdown(Map<String, Object> meta, String scale, List<String> complete, List<FindingRow> findings,
            List<GridTable.Row> grid, double seconds, DepthFindings depth) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Gradient-dynamics study, protocol v2\n\n");
        sb.append("Scale: ").append(scale).append(". Backend ").append(meta.get("backend"))
                .append(meta.containsKey("device") ? " on " + meta.get("device") : "").append(", threads ")
                .append(meta.get("threads")).append(Double.isNaN(seconds) ? "" : f(", %.0f s", seconds))
                .append(". Recomputed from `raw.jsonl` (`hrm study gradients --report-from DIR`).\n\n");
        sb.append("Data: ").append(String.join("; ", complete)).append(".\n\n");
        sb.append("## Design\n\n");
        sb.append("- One reference run per architecture at its own recipe: `hrm` (credit warmup bp 2 → 5 over the first 20 %), "
                + "`hrm_full` (full BPTT), `rins` (H1L4 of 7 L calls), `ut` (looped transformer, all of HRM's layers in one "
                + "stack: 2 × layers, 4 cycles, own 2), `trm` (own recipe). Fresh samples of a running-sum-mod-10 task every "
                + "step; a fresh held-out batch at every checkpoint, disjoint from all training samples by construction.\n");
        sb.append("- At every checkpoint (every ").append(meta.get("every")).append(" steps, before that step's update) "
                + "every grid cell's per-tensor gradient norms and moments are measured on the SAME weights, on the step's own "
                + "training batch and on the held-out batch.\n");
        sb.append("- Grid (HRM/TRM, H_cycles 2, L_cycles 3; calls L0 L1 L2 H3 | L4 L5 L6 H7): the paper's `Hk_Lj` = the "
                + "last k cycles, in each its H call and its last j L calls: H1_L1 = {L6,H7}, H1_L2 = {L5,L6,H7}, H1_L3 = "
                + "{L4..H7}, H2_L1 = {L2,H3,L6,H7}, H2_L2 = {L1,L2,H3,L5,L6,H7} (HRM's used setting), H2_L3 = all 8 = full "
                + "BPTT; `bp5` = the code's bp_max_steps 5 = CreditPattern H2L3 over the unroll = {H3,L4,L5,L6,H7}. "
                + "RINS: H1_Lj = its H call and last j of 7 L calls; UT: L_j = the last j of 4 cycles.\n");
        sb.append("- Fixed element set per comparison: the H- and L-stack tensors (asserted non-zero in every compared cell; "
                + "the embedding and the head reported apart, in the grid table). Per tensor, from the same backward pass: "
                + "mean |g| = L1/n over all its elements, and over its non-zero elements the mean and std of ln(|g| + ε), "
                + "ε = 1e-30, the median and p99 of |g| (nearest rank); statistics are taken per tensor and aggregated by "
                + "the median over tensors, with the pooled value centred per tensor (√(Σ n_t·std_t² / Σ n_t)) beside "
                + "it. Paired full vs used compares the pooled mean |g| over the H+L elements. Quantiles over checkpoints: "
                + "type 7 (linear interpolation), bootstrap CIs with 2000 resamples. Tests: exact sign test, Wilcoxon "
                + "signed-rank (normal approximation, continuity and tie corrected), Mann–Kendall; α = 0.05.\n");
        sb.append("- Jacobian growth: at every checkpoint, on the held-out batch under full BPTT, a zero probe that requires "
                + "gradient is added to every call's output state (the domain recurrence's state probes), so ∂L/∂probe = "
                + "∂L/∂z of that state. Effective depth: at the end of every run, per block, on one more fresh held-out "
                + "batch.\n\n");
        sb.append("## Verdicts\n\nScale S = ").append(scale).append(".\n\n| finding | paper | evidence | verdict |\n|---|---|---|---|\n");
        for (FindingRow r : findings) {
            sb.append("| ").append(r.claim()).append(" | ").append(r.paper()).append(" | ").append(r.evidence().replace("|", "∣"))
                    .append(" | **").append(r.verdict().kind().text()).append("**")
                    .append(r.verdict().reason().isEmpty() ? "" : " (" + r.verdict().reason().replace("|", "∣") + ")")
                    .append(" at scale S |\n");
        }
        sb.append('\n').append(depth.jacobianSection()).append(depth.depthSection());
        sb.append("## Grid table\n\nPer checkpoint, each cell's pooled mean |g| over the H+L elements ÷ that checkpoint's median "
                + "over the grid; median and IQR over checkpoints (all seeds).\n\n").append(GridTable.header()).append('\n');
        grid.forEach(r -> sb.append(r.markdown()).append('\n'));
        sb.append("\n## Plots\n\n");
        PLOTS.forEach(p -> sb.append("![").append(p).append("](").append(p).append(")\n"));
        DepthFindings.PLOTS.forEach(p -> sb.append("![").append(p).append("](").append(p).append(")\n"));
        return sb.toString();
    }

    private static void plots(Path dir, RawData data, List<Long> seeds, List<GridTable.Row> grid, TensorFindings t) {
        Chart g = new Chart("grid magnitude ÷ checkpoint grid median (held-out, median over checkpoints)",
                "module calls with gradient", "mean |g| ÷ grid median", false, false);
        grid.stream().filter(r -> r.batch().equals("heldout")).map(GridTable.Row::run).distinct().forEach(run -> {
            List<GridTable.Row> rows = grid.stream().filter(r -> r.batch().equals("heldout") && r.run().equals(run)).toList();
            g.add(new Chart.Series(run, COLORS.getOrDefault(run, Color.GRAY), rows.stream().mapToDouble(GridTable.Row::calls).toArray(),
                    rows.stream().mapToDouble(GridTable.Row::normMedian).toArray(), false));
        });
        g.write(dir.resolve(PLOTS.get(0)));
        Chart p = new Chart("full / H2_L2 on the same weights (held-out), sorted", "quantile", "ratio", false, true);
        for (String run : List.of("hrm", "hrm_full")) {
            if (!t.has(run)) {
                continue;
            }
            double[] y = t.ratios(run, "heldout", "H2_L2", t.set(run));
            Arrays.sort(y);
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = y.length == 1 ? 0.5 : (double) i / (y.length - 1);
            }
            if (y.length > 0) {
                p.add(new Chart.Series(run, COLORS.get(run), x, y, true));
            }
        }
        p.write(dir.resolve(PLOTS.get(1)));
        Chart m = new Chart("mean |g| over training steps (all elements, seed " + seeds.get(0) + ")", "step", "mean |g|", false, true);
        for (String run : List.of("hrm", "hrm_full", "rins", "ut", "trm")) {
            List<RawData.Step> st = data.steps(run, seeds.get(0));
            if (!st.isEmpty()) {
                m.add(new Chart.Series(run, COLORS.get(run), st.stream().mapToDouble(RawData.Step::step).toArray(),
                        st.stream().mapToDouble(s -> s.stat("all", "mean_abs")).toArray(), true));
            }
        }
        m.write(dir.resolve(PLOTS.get(2)));
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
