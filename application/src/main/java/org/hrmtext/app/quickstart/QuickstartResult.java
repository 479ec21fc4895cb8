package org.hrmtext.app.quickstart;

import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.eval.EvalReport;
import org.hrmtext.app.train.TrainingSummary;

/**
 * What a quickstart produced: where everything is, how training ended, the held-out
 * evaluation, a few example answers (prompt, model, reference) and the wall-clock time.
 */
public record QuickstartResult(Path out, Path model, Path onnx, TrainingSummary training, EvalReport heldOut,
        List<String[]> examples, double seconds) {
}
