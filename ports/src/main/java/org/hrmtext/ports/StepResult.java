package org.hrmtext.ports;

import java.util.Optional;
import org.hrmtext.domain.diagnostics.GradientStatistics;

/**
 * What a training step measured before its update: mean loss over labelled tokens, their count,
 * the global gradient L2 norm, the argmax predictions at every position (for accuracies), whether
 * everything was finite (when not, no update was applied), and the gradient statistics when the
 * plan asked for diagnostics.
 */
public record StepResult(double loss, long labelledTokens, double gradNorm, int[] predictions, boolean finite,
        Optional<GradientStatistics> statistics) {

    /** A result without gradient statistics. */
    public StepResult(double loss, long labelledTokens, double gradNorm, int[] predictions, boolean finite) {
        this(loss, labelledTokens, gradNorm, predictions, finite, Optional.empty());
    }
}
