package org.hrmtext.ports;

import org.hrmtext.domain.schedule.RecurrenceSchedule;

/**
 * What one training step does: its learning rate and the recurrence schedule, whose
 * {@code carriesGradient} flags are the credit assignment at this step. With {@code diagnostics}
 * the backend also summarises the step's gradients on its device
 * ({@link StepResult#statistics()}); without it, training pays nothing for them.
 */
public record StepPlan(double learningRate, RecurrenceSchedule schedule, boolean diagnostics) {

    /** A plain training step, without gradient diagnostics. */
    public StepPlan(double learningRate, RecurrenceSchedule schedule) {
        this(learningRate, schedule, false);
    }
}
