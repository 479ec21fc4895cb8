package org.hrmtext.lab.study.v2;

import static org.hrmtext.lab.study.v2.ProtocolAnalysis.f;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.plot.Chart;

/**
 * Jacobian growth and effective depth, from the {@code jacobian} records (‖∂L/∂z‖ of every call's
 * state under full BPTT on each checkpoint's held-out batch) and the {@code depth} records (the
 * per-block effective depth of each trained model on one more fresh held-out batch) of a
 * {@link RawData}: the verdict row, the report's two sections and their plots.
 */
final class DepthFindings {
    static final List<String> PLOTS = List.of("jacobian_growth.png", "effective_depth.png", "logit_lens_kl.png");

    private final RawData data;
    private final List<Long> seeds;
    private final List<String> runs;
    private final String scale;

    DepthFindings(RawData data, List<Long> seeds, List<String> runs, String scale) {
        this.data = data;
        this.seeds = List.copyOf(seeds);
        this.runs = List.copyOf(runs);
        this.scale = scale;
    }

    /** The per-call norms of every {@code jacobian} record of a run, all seeds, with their labels. */
    private List<double[]> norms(String run) {
        List<double[]> out = new ArrayList<>();
        for (long s : seeds) {
            for (Map<String, Object> r : data.probes("jacobian", run, s)) {
                out.add(numbers(r.get("norms")));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<String> labels(String run) {
        for (long s : seeds) {
            List<Map<String, Object>> r = data.probes("jacobian", run, s);
            if (!r.isEmpty()) {
                return (List<String>) r.get(0).get("labels");
            }
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    static double[] numbers(Object list) {
        return ((List<Object>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    /**
     * {@code ‖∂L/∂z_first‖ / ‖∂L/∂z_last‖} per checkpoint: how much the state gradient grows (> 1)
     * or shrinks (< 1) back through the whole unroll.
     */
    double[] totalGrowth(String run) {
        return norms(run).stream().mapToDouble(n -> n[0] / n[n.length - 1]).toArray();
    }

    /** The verdict row: the paper's Fig. 7a is not summarised in the project's paper notes, so it reports the growth. */
    FindingRow jacobianRow() {
        List<String> parts = new ArrayList<>();
        for (String run : runs) {
            double[] g = totalGrowth(run);
            if (g.length == 0) {
                continue;
            }
            double[] logs = java.util.Arrays.stream(g).map(Math::log).toArray();
            List<String> trends = new ArrayList<>();
            for (long s : seeds) {
                double[] x = data.probes("jacobian", run, s).stream().map(r -> numbers(r.get("norms")))
                        .mapToDouble(n -> Math.log(n[0] / n[n.length - 1])).toArray();
                if (x.length > 1) {
                    MannKendall mk = MannKendall.of(x);
                    trends.add(f("seed %d S %d p %.2g", s, mk.s(), mk.p()));
                }
            }
            List<String> l = labels(run);
            parts.add(f("%s: ‖∂L/∂z_%s‖ ÷ ‖∂L/∂z_%s‖ median %.3g (IQR %.3g–%.3g) over N %d checkpoints, per call back "
                    + "(geometric mean) %.3f; trend of its log over training (Mann–Kendall): %s", run, l.get(0),
                    l.get(l.size() - 1), Quantiles.median(g), Quantiles.of(g, 0.25), Quantiles.of(g, 0.75), g.length,
                    Math.exp(Quantiles.median(logs) / (l.size() - 1)), String.join(", ", trends)));
        }
        Verdict v = Verdict.inconclusive("docs/HRM-TEXT.md (the project's summary of the paper) states neither the values "
                + "nor the direction of Fig. 7a's Jacobian growth, so there is no claim to test; the measured growth is "
                + "reported", scale);
        return new FindingRow("Back through more loop calls the state gradient ‖∂L/∂z‖ changes multiplicatively "
                + "(Jacobian growth)", "Fig. 7a (values not in HRM-TEXT.md)", "under full BPTT on each checkpoint's held-out "
                + "batch, zero state probes added to each call's output (∂L/∂probe = ∂L/∂z): " + (parts.isEmpty()
                ? "no jacobian records" : String.join("; ", parts)), v);
    }

    /** The report's section: per run and adjacent pair of calls, the ratio's median and IQR over checkpoints. */
    String jacobianSection() {
        StringBuilder sb = new StringBuilder("## Jacobian growth\n\nPer checkpoint (held-out batch, full BPTT), "
                + "‖∂L/∂z_i‖ ÷ ‖∂L/∂z_{i+1}‖ for each pair of adjacent calls (> 1: the gradient grows going back); median "
                + "and IQR over checkpoints, all seeds.\n\n| run | calls | N | median ratio | IQR | median ‖∂L/∂z_i‖ |\n"
                + "|---|---|---|---|---|---|\n");
        for (String run : runs) {
            List<double[]> n = norms(run);
            List<String> l = labels(run);
            for (int i = 0; i + 1 < l.size(); i++) {
                int k = i;
                double[] r = n.stream().mapToDouble(x -> x[k] / x[k + 1]).toArray();
                double[] v = n.stream().mapToDouble(x -> x[k]).toArray();
                sb.append(f("| %s | %s ← %s | %d | %.3f | %.3f | %.3g |\n", run, l.get(i), l.get(i + 1), r.length,
                        Quantiles.median(r), Quantiles.iqr(r), Quantiles.median(v)));
            }
        }
        return sb.append('\n').toString();
    }

    /** A run's depth records (one per seed that finished). */
    private List<Map<String, Object>> depth(String run) {
        List<Map<String, Object>> out = new ArrayList<>();
        seeds.forEach(s -> out.addAll(data.probes("depth", run, s)));
        return out;
    }

    /** Per block, the median over seeds of a depth series ({@code delta_norm} or {@code lens_kl}). */
    double[] medianOverSeeds(String run, String key) {
        List<double[]> v = depth(run).stream().map(r -> numbers(r.get(key))).toList();
        if (v.isEmpty()) {
            return new double[0];
        }
        double[] out = new double[v.get(0).length];
        for (int b = 0; b < out.length; b++) {
            int k = b;
            out[b] = Quantiles.median(v.stream().mapToDouble(x -> x[k]).toArray());
        }
        return out;
    }

    /** The report's effective-depth section: per run and block the table, and HRM's cosine matrix. */
    @SuppressWarnings("unchecked")
    String depthSection() {
        StringBuilder sb = new StringBuilder("## Effective depth of the trained models\n\nAt the end of each run, on one "
                + "more fresh held-out batch, per transformer block in computation order (label = call.layer): ‖Δh‖₂ = the "
                + "change the block makes to the residual stream it reads, also ÷ √d; KL(lens ‖ final) with the logit lens "
                + "softmax(lm_head(rms(h))); averages over labelled positions; medians over seeds.\n\n"
                + "| run | block | seeds | ‖Δh‖₂ | ‖Δh‖₂ ÷ √d | KL(lens ‖ final) |\n|---|---|---|---|---|---|\n");
        for (String run : runs) {
            List<Map<String, Object>> d = depth(run);
            if (d.isEmpty()) {
                continue;
            }
            List<String> labels = (List<String>) d.get(0).get("labels");
            double root = Math.sqrt(((Number) d.get(0).get("hidden")).doubleValue());
            double[] delta = medianOverSeeds(run, "delta_norm");
            double[] kl = medianOverSeeds(run, "lens_kl");
            for (int b = 0; b < labels.size(); b++) {
                sb.append(f("| %s | %s | %d | %.3f | %.3f | %.3f |\n", run, labels.get(b), d.size(), delta[b], delta[b] / root,
                        kl[b]));
            }
        }
        List<Map<String, Object>> hrm = depth("hrm");
        if (!hrm.isEmpty()) {
            List<String> labels = (List<String>) hrm.get(0).get("labels");
            int n = labels.size();
            double[][] mean = new double[n][n];
            for (Map<String, Object> r : hrm) {
                List<Object> rows = (List<Object>) r.get("cosine");
                for (int b = 0; b < n; b++) {
                    double[] row = numbers(rows.get(b));
                    for (int c = 0; c < n; c++) {
                        mean[b][c] += row[c] / hrm.size();
                    }
                }
            }
            sb.append(f("\nBlock-to-block cosine of the outputs, hrm, mean over %d seeds:\n\n| |", hrm.size()));
            labels.forEach(l -> sb.append(' ').append(l).append(" |"));
            sb.append("\n|---|").append("---|".repeat(n)).append('\n');
            for (int b = 0; b < n; b++) {
                sb.append("| ").append(labels.get(b)).append(" |");
                for (int c = 0; c < n; c++) {
                    sb.append(f(" %.2f |", mean[b][c]));
                }
                sb.append('\n');
            }
        }
        return sb.append('\n').toString();
    }

    /** Writes {@link #PLOTS} into {@code dir}. */
    void plots(Path dir, Map<String, Color> colors) {
        Chart j = new Chart("‖∂L/∂z‖ per call under full BPTT (held-out, median over checkpoints)", "call (schedule order)",
                "‖∂L/∂z‖₂", false, true);
        Chart d = new Chart("effective depth: ‖Δh‖₂ ÷ √d per block (median over seeds)", "block (computation order)",
                "‖Δh‖₂ ÷ √d", false, false);
        Chart k = new Chart("KL(logit lens ‖ final) per block (median over seeds)", "block (computation order)",
                "KL (nats)", false, false);
        for (String run : runs) {
            List<double[]> n = norms(run);
            if (!n.isEmpty()) {
                double[] y = new double[n.get(0).length];
                for (int i = 0; i < y.length; i++) {
                    int c = i;
                    y[i] = Quantiles.median(n.stream().mapToDouble(x -> x[c]).toArray());
                }
                j.add(new Chart.Series(run, colors.getOrDefault(run, Color.GRAY), index(y.length), y, true));
            }
            double[] delta = medianOverSeeds(run, "delta_norm");
            if (delta.length > 0) {
                double root = Math.sqrt(((Number) depth(run).get(0).get("hidden")).doubleValue());
                d.add(new Chart.Series(run, colors.getOrDefault(run, Color.GRAY), index(delta.length),
                        java.util.Arrays.stream(delta).map(x -> x / root).toArray(), true));
                double[] kl = medianOverSeeds(run, "lens_kl");
                k.add(new Chart.Series(run, colors.getOrDefault(run, Color.GRAY), index(kl.length), kl, true));
            }
        }
        j.write(dir.resolve(PLOTS.get(0)));
        d.write(dir.resolve(PLOTS.get(1)));
        k.write(dir.resolve(PLOTS.get(2)));
    }

    private static double[] index(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }
}
