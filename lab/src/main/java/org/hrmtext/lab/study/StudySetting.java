package org.hrmtext.lab.study;

import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;

/**
 * One cell of the study: an architecture trained with one requested credit pattern, and the
 * schedule that pattern gives it (clamped to the calls the architecture has).
 */
record StudySetting(Architecture arch, ModelConfig config, CreditPattern requested, RecurrenceSchedule schedule) {

    String label() {
        return arch.configName() + " " + requested;
    }

    /** The credit the schedule applies, e.g. {@code H1L0} for the transformer at any depth. */
    CreditPattern effective() {
        return schedule.effectiveCredit();
    }

    /** Backward depth in module calls. */
    int backwardDepth() {
        return schedule.gradientCalls();
    }

    /** Full backprop through time on this architecture. */
    RecurrenceSchedule full() {
        return RecurrenceSchedule.of(config, CreditPattern.FULL);
    }

    /**
     * The truncated side of the paired comparison: this setting's own schedule, or for the
     * {@code full} setting the architecture's own truncation (HRM: bp_max_steps = 5, i.e. H2L3).
     */
    RecurrenceSchedule truncated() {
        return requested.equals(CreditPattern.FULL) ? RecurrenceSchedule.of(config, RecurrenceSchedule.ownCredit(config))
                : schedule;
    }

    /** Whether full and truncated backprop differ here (not for the one-call transformer). */
    boolean hasPairs() {
        return !truncated().effectiveCredit().equals(full().effectiveCredit());
    }
}
