package org.hrmtext.app.quickstart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a training curve (loss against step, log scale) as a PNG with Java2D in headless mode,
 * so the quickstart needs no plotting library.
 */
public final class TrainingCurvePlot {
    private static final int W = 720;
    private static final int H = 420;
    private static final int PAD = 60;

    private TrainingCurvePlot() {
    }

    /** A point of the curve. */
    public record Point(double step, double loss) {
    }

    public static void write(Path png, String title, List<Point> points) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(PAD, PAD / 2, W - PAD * 3 / 2, H - PAD * 3 / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title + " (log scale)", PAD, PAD / 2 - 8);
        g.drawString("step", W / 2, H - 12);
        if (!points.isEmpty()) {
            double maxStep = points.get(points.size() - 1).step();
            double lo = Math.log10(points.stream().mapToDouble(Point::loss).filter(v -> v > 0).min().orElse(1e-3));
            double hi = Math.log10(points.stream().mapToDouble(Point::loss).max().orElse(1));
            if (hi - lo < 1e-6) {
                hi = lo + 1;
            }
            labels(g, lo, hi, maxStep);
            g.setColor(new Color(31, 119, 180));
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (Point p : points) {
                int x = PAD + (int) ((W - PAD * 3 / 2) * p.step() / Math.max(1, maxStep));
                int y = PAD / 2 + (int) ((H - PAD * 3 / 2) * (hi - Math.log10(Math.max(p.loss(), 1e-12))) / (hi - lo));
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void labels(Graphics2D g, double lo, double hi, double maxStep) {
        g.drawString(String.format("%.3g", Math.pow(10, hi)), 4, PAD / 2 + 10);
        g.drawString(String.format("%.3g", Math.pow(10, lo)), 4, H - PAD);
        g.drawString("0", PAD, H - PAD + 16);
        g.drawString(String.format("%.0f", maxStep), W - PAD, H - PAD + 16);
    }
}
