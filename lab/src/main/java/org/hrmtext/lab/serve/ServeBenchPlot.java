package org.hrmtext.lab.serve;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.hrmtext.app.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The load test's PNG (JFreeChart): aggregate generated tokens/s (left axis) and time-to-first-token
 * and inter-token latency p50/p99 in ms (right axis) against concurrency (log scale).
 */
final class ServeBenchPlot {
    private ServeBenchPlot() {
    }

    static void write(Path png, String title, List<LevelResult> levels) {
        System.setProperty("java.awt.headless", "true");
        XYSeries throughput = new XYSeries("generated tokens/s");
        XYSeries ttft50 = new XYSeries("TTFT p50 (ms)");
        XYSeries ttft99 = new XYSeries("TTFT p99 (ms)");
        XYSeries itl50 = new XYSeries("inter-token p50 (ms)");
        XYSeries itl99 = new XYSeries("inter-token p99 (ms)");
        for (LevelResult l : levels) {
            throughput.add(l.concurrency(), l.tokensPerSecond());
            addFinite(ttft50, l.concurrency(), l.ttftP50());
            addFinite(ttft99, l.concurrency(), l.ttftP99());
            addFinite(itl50, l.concurrency(), l.itlP50());
            addFinite(itl99, l.concurrency(), l.itlP99());
        }
        LogAxis x = new LogAxis("concurrency (parallel clients)");
        x.setBase(2);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new DecimalFormat("0"));
        NumberAxis tokens = new NumberAxis("aggregate generated tokens/s");
        XYPlot plot = new XYPlot(new XYSeriesCollection(throughput), x, tokens, renderer(new Color(0x1f77b4)));
        XYSeriesCollection latency = new XYSeriesCollection();
        latency.addSeries(ttft50);
        latency.addSeries(ttft99);
        latency.addSeries(itl50);
        latency.addSeries(itl99);
        plot.setDataset(1, latency);
        plot.setRangeAxis(1, new NumberAxis("latency (ms)"));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer lat = new XYLineAndShapeRenderer(true, true);
        Color[] colors = {new Color(0xd62728), new Color(0xff9896), new Color(0x2ca02c), new Color(0x98df8a)};
        for (int i = 0; i < colors.length; i++) {
            lat.setSeriesPaint(i, colors[i]);
            lat.setSeriesStroke(i, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f));
        }
        plot.setRenderer(1, lat);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 960, 540));
    }

    private static void addFinite(XYSeries s, double x, double y) {
        if (Double.isFinite(y)) {
            s.add(x, y);
        }
    }

    private static XYLineAndShapeRenderer renderer(Color color) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, color);
        r.setSeriesStroke(0, new BasicStroke(2.5f));
        return r;
    }
}
