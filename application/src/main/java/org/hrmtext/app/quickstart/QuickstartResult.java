package org.hrmtext.app.quickstart;

import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.eval.EvalReport;
import org.hrmtext.app.train.TrainingSummary;

/**
 * What a quickstart produced: where everything is, how training ended, the held-out
 * evaluation, a few example answers (prompt, model, reference), the step budget, the wall-clock time of the
 * training and of the whole run.
 */
public record QuickstartResult(Path out, Path model, Path onnx, TrainingSummary training, int plannedSteps,
        EvalReport heldOut, List<String[]> examples, double trainingSeconds, double seconds) {
}
