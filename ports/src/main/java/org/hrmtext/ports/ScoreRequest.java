package org.hrmtext.ports;

import org.hrmtext.domain.schedule.RecurrenceSchedule;

/** A scoring call: the schedule (credit pattern) and whether gradient norms and logits are wanted. */
public record ScoreRequest(RecurrenceSchedule schedule, boolean gradients, boolean logits) {
}
