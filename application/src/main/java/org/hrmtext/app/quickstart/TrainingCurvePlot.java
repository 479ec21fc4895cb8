package org.hrmtext.app.quickstart;

import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.plot.Chart;

/**
 * The quickstart's training curve: loss per logged step (log scale, left axis) and exact match
 * (right axis, %) of the training batches over steps, with the held-out exact match at the last
 * step, written as a PNG.
 */
final class TrainingCurvePlot {
    private TrainingCurvePlot() {
    }

    /** A logged step: its loss and its batch's sequence exact accuracy (0–1). */
    record Point(double step, double loss, double exact) {
    }

    static void write(Path png, String title, List<Point> points, double heldOutExact) {
        double[] steps = points.stream().mapToDouble(Point::step).toArray();
        double last = steps.length == 0 ? 0 : steps[steps.length - 1];
        new Chart(title, "optimizer step", "loss (nats per response token, log scale)", false, true)
                .add(new Chart.Series("training loss", Chart.BLUE, steps,
                        points.stream().mapToDouble(Point::loss).toArray(), true))
                .addRight("exact match (%)", new Chart.Series("training-batch exact match", Chart.ORANGE, steps,
                        points.stream().mapToDouble(p -> 100 * p.exact()).toArray(), true))
                .addRight("exact match (%)", new Chart.Series("held-out exact match", java.awt.Color.BLACK,
                        new double[] {last}, new double[] {100 * heldOutExact}, false))
                .write(png);
    }
}
