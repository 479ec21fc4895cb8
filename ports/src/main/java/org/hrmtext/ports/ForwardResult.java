package org.hrmtext.ports;

/**
 * Logits {@code [batch, vocab]} at each row's {@code logitsIndex}: from the final state, and from
 * the first value of that state in the recurrence (the first z_H for HRM), which auto-guidance
 * combines as {@code (1+w)·logits − w·firstLogits}.
 */
public record ForwardResult(float[] logits, float[] firstLogits) {
}
