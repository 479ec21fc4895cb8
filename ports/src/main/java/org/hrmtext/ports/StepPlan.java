package org.hrmtext.ports;

import org.hrmtext.domain.schedule.RecurrenceSchedule;

/**
 * What one training step does: its learning rate and the recurrence schedule, whose
 * {@code carriesGradient} flags are the credit assignment at this step.
 */
public record StepPlan(double learningRate, RecurrenceSchedule schedule) {
}
