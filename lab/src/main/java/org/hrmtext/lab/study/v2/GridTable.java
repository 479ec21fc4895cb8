package org.hrmtext.lab.study.v2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hrmtext.domain.diagnostics.TensorMoments;
import org.hrmtext.domain.model.ParameterNames;

/**
 * Per run and batch kind, each grid cell's mean |g| over the fixed H+L element set, normalised at
 * every checkpoint by that checkpoint's median over the grid's cells, as median and IQR over
 * checkpoints (pooled over seeds); the per-tensor median log ratio of mean |g| to full BPTT; each
 * stack's element dispersion (median over its tensors of std ln|g|) normalised the same way; the
 * embedding's norm relative to full (reported apart); and the largest relative deviation of the
 * head's gradient norm between cells of one checkpoint (0 up to rounding: the forward pass is the
 * same under every truncation).
 */
public final class GridTable {
    private GridTable() {
    }

    /** One cell's row. */
    public record Row(String run, String batch, String cell, int calls, int n, double normMedian, double normIqr,
            double logRatioToFull, double embeddingToFull, double headDeviation, double[] dispersion) {
        public String markdown() {
            return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.3f | %.3f | %+.3f | %.3f | %.1e | %.3f [%.3f] | %.3f [%.3f] |",
                    run, batch, cell, calls, n, normMedian, normIqr, logRatioToFull, embeddingToFull, headDeviation,
                    dispersion[0], dispersion[1], dispersion[2], dispersion[3]);
        }
    }

    public static List<Row> of(String run, String batch, List<GridCell> grid, TensorSet set,
            List<List<RawData.Checkpoint>> perSeed) {
        Map<String, List<Double>> norm = new LinkedHashMap<>();
        Map<String, List<Double>> toFull = new LinkedHashMap<>();
        Map<String, List<Double>> emb = new LinkedHashMap<>();
        Map<String, Double> head = new LinkedHashMap<>();
        Map<String, List<Double>> dispH = new LinkedHashMap<>();
        Map<String, List<Double>> dispL = new LinkedHashMap<>();
        for (List<RawData.Checkpoint> cps : perSeed) {
            for (RawData.Checkpoint cp : cps) {
                if (cp.tensors().isEmpty()) {
                    continue;
                }
                double[] pooled = new double[grid.size()];
                List<List<TensorMoments>> moments = new ArrayList<>();
                for (int c = 0; c < grid.size(); c++) {
                    moments.add(TensorFindings.moments(cp, grid.get(c).name(), set, run));
                    pooled[c] = TensorSet.pooledMeanAbs(moments.get(c));
                }
                double[] normalised = TensorStatistics.normalisedByGridMedian(pooled);
                dispersion(cp, grid, set.group("H"), run, dispH);
                dispersion(cp, grid, set.group("L"), run, dispL);
                Map<String, Double> full = cp.cells().get(GridCell.FULL);
                double[] fullMeans = means(TensorFindings.moments(cp, GridCell.FULL, set, run));
                double h0 = full.getOrDefault(ParameterNames.LM_HEAD, Double.NaN);
                for (int c = 0; c < grid.size(); c++) {
                    String name = grid.get(c).name();
                    Map<String, Double> n = cp.cells().get(name);
                    norm.computeIfAbsent(name, k -> new ArrayList<>()).add(normalised[c]);
                    toFull.computeIfAbsent(name, k -> new ArrayList<>()).add(
                            TensorStatistics.medianLogRatio(means(moments.get(c)), fullMeans));
                    double e = n.getOrDefault(ParameterNames.EMBEDDING, 0.0) / full.getOrDefault(ParameterNames.EMBEDDING, Double.NaN);
                    emb.computeIfAbsent(name, k -> new ArrayList<>()).add(e);
                    double dev = Math.abs(n.getOrDefault(ParameterNames.LM_HEAD, Double.NaN) - h0) / h0;
                    head.merge(name, dev, (a, b) -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (GridCell cell : grid) {
            double[] v = toArray(norm.get(cell.name()));
            if (v.length == 0) {
                continue;
            }
            rows.add(new Row(run, batch, cell.name(), cell.schedule().gradientCalls(), v.length, Quantiles.median(v),
                    Quantiles.iqr(v), Quantiles.median(toArray(toFull.get(cell.name()))),
                    Quantiles.median(toArray(emb.get(cell.name()))), head.get(cell.name()), new double[] {
                        Quantiles.median(toArray(dispH.get(cell.name()))), Quantiles.iqr(toArray(dispH.get(cell.name()))),
                        Quantiles.median(toArray(dispL.get(cell.name()))), Quantiles.iqr(toArray(dispL.get(cell.name())))}));
        }
        return rows;
    }

    private static double[] means(List<TensorMoments> m) {
        return m.stream().mapToDouble(TensorMoments::meanAbs).toArray();
    }

    /** Each cell's median over a stack's tensors of std ln|g| ÷ this checkpoint's median over the grid. */
    private static void dispersion(RawData.Checkpoint cp, List<GridCell> grid, TensorSet group, String run,
            Map<String, List<Double>> out) {
        if (group.names().isEmpty()) {
            return;
        }
        double[] v = grid.stream().mapToDouble(c -> TensorSet.medianOver(TensorFindings.moments(cp, c.name(), group, run),
                TensorMoments::logStd)).toArray();
        double[] n = TensorStatistics.normalisedByGridMedian(v);
        for (int c = 0; c < grid.size(); c++) {
            out.computeIfAbsent(grid.get(c).name(), k -> new ArrayList<>()).add(n[c]);
        }
    }

    static double[] toArray(List<Double> l) {
        return l == null ? new double[0] : l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static String header() {
        return "| run | batch | cell | calls with grad | N | mean ∣g∣ ÷ grid median (median) | IQR | median ln(mean/mean_full) "
                + "over tensors | embedding ‖g‖ ÷ full | max head ‖g‖ deviation | H std ln∣g∣ (median over tensors) ÷ grid "
                + "median [IQR] | L std ln∣g∣ (median over tensors) ÷ grid median [IQR] |\n|---|---|---|---|---|---|---|---|---|---|---|---|";
    }
}
