package org.hrmtext.app.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hrmtext.app.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An x/y chart with optional log10 axes, series as lines or points, an optional y = x diagonal,
 * an optional second y axis on the right, and a legend, written as a PNG through JFreeChart.
 * Points that a log axis cannot show (≤ 0) and non-finite values are left out, never drawn at 0.
 *
 * <pre>{@code
 * new Chart("training loss", "optimizer step", "loss (nats/token)", false, true)
 *         .add(new Chart.Series("loss", Chart.BLUE, steps, losses, true))
 *         .write(dir.resolve("curve.png"));
 * }</pre>
 */
public final class Chart {
    public static final Color BLUE = new Color(31, 119, 180);
    public static final Color ORANGE = new Color(255, 127, 14);
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    /** One series; {@code line} joins its points in order, otherwise they are drawn as dots. */
    public record Series(String name, Color color, double[] x, double[] y, boolean line) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y");
            }
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private final List<Series> right = new ArrayList<>();
    private String rightLabel;
    private boolean diagonal;

    public Chart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.logY = logY;
    }

    public Chart add(Series s) {
        series.add(s);
        return this;
    }

    /** A series on a linear second y axis at the right, labelled {@code label} (with its unit). */
    public Chart addRight(String label, Series s) {
        rightLabel = label;
        right.add(s);
        return this;
    }

    /** Draws the line y = x across the plotted range (for paired scatter plots). */
    public Chart withDiagonal() {
        diagonal = true;
        return this;
    }

    /** Renders and writes the PNG atomically (a temporary file renamed into place). */
    public void write(Path file) {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = render();
        AtomicFiles.write(file, tmp -> {
            try {
                ChartUtils.saveChartAsPNG(tmp.toFile(), chart, WIDTH, HEIGHT);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** The chart as JFreeChart builds it (for tests and other outputs). */
    public JFreeChart render() {
        XYPlot plot = new XYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainAxis(axis(xLabel, logX));
        plot.setRangeAxis(0, axis(yLabel, logY));
        plot.setDataset(0, dataset(series, logX, logY));
        plot.setRenderer(0, renderer(series));
        if (!right.isEmpty()) {
            NumberAxis axis = new NumberAxis(rightLabel);
            axis.setAutoRangeIncludesZero(false);
            plot.setRangeAxis(1, axis);
            plot.setDataset(1, dataset(right, logX, false));
            plot.setRenderer(1, renderer(right));
            plot.mapDatasetToRangeAxis(1, 1);
        }
        if (diagonal) {
            double lo = Math.min(plot.getDomainAxis().getLowerBound(), plot.getRangeAxis().getLowerBound());
            double hi = Math.max(plot.getDomainAxis().getUpperBound(), plot.getRangeAxis().getUpperBound());
            plot.addAnnotation(new XYLineAnnotation(lo, lo, hi, hi, new BasicStroke(1f), Color.GRAY));
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogAxis axis = new LogAxis(label);
            axis.setBase(10);
            axis.setSmallestValue(1e-30);
            axis.setNumberFormatOverride(new TickFormat());
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static XYSeriesCollection dataset(List<Series> all, boolean logX, boolean logY) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : all) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                if (shown(s.x()[i], logX) && shown(s.y()[i], logY)) {
                    xy.add(s.x()[i], s.y()[i]);
                }
            }
            data.addSeries(xy);
        }
        return data;
    }

    private static XYLineAndShapeRenderer renderer(List<Series> all) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            r.setSeriesPaint(i, s.color());
            r.setSeriesStroke(i, new BasicStroke(1.6f));
            r.setSeriesLinesVisible(i, s.line());
            r.setSeriesShapesVisible(i, !s.line() || s.x().length < 30);
            r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        return r;
    }

    /** Log-axis ticks to three significant digits: plain between 0.001 and 10,000, scientific outside. */
    private static final class TickFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final DecimalFormat plain = new DecimalFormat("@@#", DecimalFormatSymbols.getInstance(Locale.ROOT));
        private final DecimalFormat scientific = new DecimalFormat("0.##E0", DecimalFormatSymbols.getInstance(Locale.ROOT));

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            double a = Math.abs(v);
            return (a == 0 || (a >= 1e-3 && a < 1e4) ? plain : scientific).format(v, to, pos);
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return format((double) v, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return scientific.parse(source, pos);
        }
    }

    private static boolean shown(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }
}
