package org.hrmtext.app.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts through JFreeChart: labelled axes, log scales that drop what they cannot show, atomic PNGs. */
class ChartTest {

    @Test
    void writesAPngAtomicallyWithNothingElseLeftBehind(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("curve.png");
        new Chart("loss", "optimizer step", "loss (nats/token)", false, true)
                .add(new Chart.Series("loss", Chart.BLUE, new double[] {1, 2, 3}, new double[] {4, 2, 1}, true))
                .write(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(560, image.getHeight());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the PNG, no temporary file");
        }
    }

    @Test
    void logAxesDropNonPositiveAndNonFiniteValuesAndKeepTheirLabels() {
        JFreeChart chart = new Chart("t", "step", "median |g|", false, true)
                .add(new Chart.Series("s", Chart.BLUE, new double[] {1, 2, 3, 4}, new double[] {1e-3, 0, Double.NaN, 2e-3},
                        false))
                .addRight("exact match (%)", new Chart.Series("acc", Chart.ORANGE, new double[] {1, 4},
                        new double[] {10, 90}, true))
                .render();
        XYPlot plot = chart.getXYPlot();
        assertTrue(plot.getRangeAxis(0) instanceof LogAxis);
        assertEquals("median |g|", plot.getRangeAxis(0).getLabel());
        assertEquals("exact match (%)", plot.getRangeAxis(1).getLabel());
        assertEquals("step", plot.getDomainAxis().getLabel());
        assertEquals(2, plot.getDataset(0).getItemCount(0), "0 and NaN are not drawn on a log axis");
        assertEquals(2, plot.getDataset(1).getItemCount(0));
    }

    @Test
    void aSeriesWithMismatchedLengthsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Chart.Series("s", Chart.BLUE, new double[] {1, 2}, new double[] {1}, true));
    }
}
