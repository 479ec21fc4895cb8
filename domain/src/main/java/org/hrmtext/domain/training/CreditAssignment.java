package org.hrmtext.domain.training;

import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;

/**
 * Warmup deep credit assignment: HRM's backprop depth grows from {@code bp_min_steps} to
 * {@code bp_max_steps} over the first {@code bp_warmup_ratio} of training,
 * {@code bp = min + floor(progress · (max − min))}, {@code progress = min(1, step / (total · ratio))}.
 * The baselines keep their fixed truncation; a fixed pattern (e.g. {@code H2L3}) overrides both.
 */
public final class CreditAssignment {
    private final ModelConfig config;
    private final long totalSteps;
    private final boolean warmup;
    private final CreditPattern fixed;

    private CreditAssignment(ModelConfig config, long totalSteps, boolean warmup, CreditPattern fixed) {
        this.config = config;
        this.totalSteps = totalSteps;
        this.warmup = warmup;
        this.fixed = fixed;
    }

    /** The paper's schedule: warmup for HRM, fixed truncation for the baselines. */
    public static CreditAssignment warmup(ModelConfig config, long totalSteps) {
        return new CreditAssignment(config, totalSteps, config.architecture() == Architecture.HRM, null);
    }

    /** No warmup: the architecture's own (deepest) truncation from the first step, as in SFT. */
    public static CreditAssignment constant(ModelConfig config) {
        return new CreditAssignment(config, 1, false, null);
    }

    /** One explicit pattern at every step. */
    public static CreditAssignment fixed(ModelConfig config, CreditPattern pattern) {
        return new CreditAssignment(config, 1, false, pattern);
    }

    /** HRM's backprop depth at a 1-based step. */
    public static int bpStepsAt(long step, long totalSteps, double ratio, int min, int max) {
        double window = totalSteps * ratio;
        double progress = window > 0 ? Math.min(1.0, step / window) : 1.0;
        return min + (int) Math.floor(progress * (max - min));
    }

    /** The backprop depth in module calls at a step (for logging). */
    public int bpStepsAt(long step) {
        RecurrenceSchedule s = scheduleAt(step);
        return s.gradientCalls();
    }

    public CreditPattern patternAt(long step) {
        if (fixed != null) {
            return fixed;
        }
        if (!warmup) {
            return RecurrenceSchedule.ownCredit(config);
        }
        var r = config.recurrence();
        int bp = bpStepsAt(step, totalSteps, r.bpWarmupRatio(), r.bpMinSteps(), r.bpMaxSteps());
        return CreditPattern.fromBpSteps(r.hCycles(), bp);
    }

    public RecurrenceSchedule scheduleAt(long step) {
        return RecurrenceSchedule.of(config, patternAt(step));
    }
}
