package org.hrmtext.app.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.hrmtext.app.io.AtomicFiles;

/**
 * A minimal x/y chart drawn with {@code java.awt} into a PNG (headless): axes with five ticks,
 * optional log10 scales, series as lines or points, an optional y = x diagonal, and a legend.
 * Values that a log axis cannot show (≤ 0) or that are not finite are left out.
 */
final class Chart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 230;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final int TICKS = 5;

    /** One series; {@code line} joins its points in order, otherwise they are drawn as dots. */
    record Series(String name, Color color, double[] x, double[] y, boolean line) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private boolean diagonal;

    Chart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.logY = logY;
    }

    Chart add(Series s) {
        series.add(s);
        return this;
    }

    /** Draws the line y = x across the plotted range (for paired scatter plots). */
    Chart withDiagonal() {
        diagonal = true;
        return this;
    }

    void write(Path file) {
        BufferedImage image = render();
        AtomicFiles.write(file, tmp -> {
            try {
                ImageIO.write(image, "png", tmp.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        });
    }

    BufferedImage render() {
        double[] xr = range(true);
        double[] yr = range(false);
        if (diagonal) {
            xr = yr = new double[] {Math.min(xr[0], yr[0]), Math.max(xr[1], yr[1])};
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axes(g, xr, yr);
        int pw = WIDTH - LEFT - RIGHT;
        int ph = HEIGHT - TOP - BOTTOM;
        if (diagonal) {
            g.setColor(Color.GRAY);
            g.drawLine(LEFT, TOP + ph, LEFT + pw, TOP);
        }
        g.setStroke(new BasicStroke(1.6f));
        int legendY = TOP + 10;
        for (Series s : series) {
            g.setColor(s.color());
            int px = -1;
            int py = -1;
            for (int i = 0; i < s.x().length; i++) {
                if (!shown(s.x()[i], logX) || !shown(s.y()[i], logY)) {
                    continue;
                }
                int x = LEFT + (int) Math.round(pw * (t(s.x()[i], logX) - xr[0]) / (xr[1] - xr[0]));
                int y = TOP + ph - (int) Math.round(ph * (t(s.y()[i], logY) - yr[0]) / (yr[1] - yr[0]));
                if (s.line() && px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                if (!s.line() || s.x().length < 30) {
                    g.fillOval(x - 3, y - 3, 6, 6);
                }
                px = x;
                py = y;
            }
            g.fillRect(WIDTH - RIGHT + 15, legendY - 8, 12, 8);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), WIDTH - RIGHT + 32, legendY);
            legendY += 16;
        }
        g.dispose();
        return img;
    }

    private void axes(Graphics2D g, double[] xr, double[] yr) {
        int pw = WIDTH - LEFT - RIGHT;
        int ph = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= TICKS; i++) {
            double fx = xr[0] + (xr[1] - xr[0]) * i / TICKS;
            double fy = yr[0] + (yr[1] - yr[0]) * i / TICKS;
            int x = LEFT + pw * i / TICKS;
            int y = TOP + ph - ph * i / TICKS;
            g.setColor(new Color(230, 230, 230));
            g.drawLine(x, TOP, x, TOP + ph);
            g.drawLine(LEFT, y, LEFT + pw, y);
            g.setColor(Color.BLACK);
            g.drawString(label(fx, logX), x - 18, TOP + ph + 18);
            g.drawString(label(fy, logY), 8, y + 4);
        }
        g.drawRect(LEFT, TOP, pw, ph);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        g.drawString(title, LEFT, 20);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
        g.drawString(xLabel + (logX ? " (log)" : ""), LEFT + pw / 2 - 60, HEIGHT - 15);
        g.drawString(yLabel + (logY ? " (log)" : ""), 8, TOP - 6);
    }

    private double[] range(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean log = xAxis ? logX : logY;
        for (Series s : series) {
            double[] v = xAxis ? s.x() : s.y();
            double[] other = xAxis ? s.y() : s.x();
            for (int i = 0; i < v.length; i++) {
                if (shown(v[i], log) && shown(other[i], xAxis ? logY : logX)) {
                    lo = Math.min(lo, t(v[i], log));
                    hi = Math.max(hi, t(v[i], log));
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.05, 0.5);
        return new double[] {lo - pad, hi + pad};
    }

    private static boolean shown(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double t(double v, boolean log) {
        return log ? Math.log10(v) : v;
    }

    private static String label(double v, boolean log) {
        return String.format(Locale.ROOT, "%.3g", log ? Math.pow(10, v) : v);
    }
}
