package org.hrmtext.app.score;

import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.domain.InvalidInputException;

/**
 * One {@code hrm score} invocation: a model directory, a batch file, the backprop depth in
 * module calls (empty = the architecture's own truncation), the backend and its thread count, and
 * whether logits are wanted.
 */
public record ScoreJob(Path model, Path batch, Optional<Integer> bpSteps, String backend, int threads, boolean logits) {

    public ScoreJob {
        if (bpSteps.isPresent() && bpSteps.get() < 1) {
            throw new InvalidInputException("--bp-steps: expected a positive integer, got " + bpSteps.get());
        }
        if (threads < 0) {
            throw new InvalidInputException("--threads: expected an integer >= 0, got " + threads);
        }
    }
}
