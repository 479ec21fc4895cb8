package org.hrmtext.ports;

/**
 * What a training step measured before its update: mean loss over labelled tokens, their count,
 * the global gradient L2 norm, the argmax predictions at every position (for accuracies), and
 * whether everything was finite (when not, no update was applied).
 */
public record StepResult(double loss, long labelledTokens, double gradNorm, int[] predictions, boolean finite) {
}
