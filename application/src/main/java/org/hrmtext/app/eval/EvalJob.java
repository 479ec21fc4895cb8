package org.hrmtext.app.eval;

import java.nio.file.Path;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.io.ResultFormat;
import org.hrmtext.domain.InvalidInputException;

/**
 * One evaluation: the model (directory, or ONNX file with its tokenizer beside it), the items,
 * how to score them, the condition tokens for every prompt (empty = each item's own), the
 * backend, threads, and the per-item results file and its format. The items are a file or a directory
 * of part files; with a data engine any path it can read.
 */
public record EvalJob(Path model, String data, EvalMode mode, String condition, String backend, int threads, Path results,
        ResultFormat format) {
    public EvalJob {
        if (threads < 0) {
            throw new InvalidInputException("--threads: expected an integer >= 0, got " + threads);
        }
    }
}
