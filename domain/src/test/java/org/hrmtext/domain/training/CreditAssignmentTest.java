package org.hrmtext.domain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.junit.jupiter.api.Test;

/**
 * Warmup deep credit assignment against {@code schedules.bp_steps} of the golden
 * {@code hrm/expected.json}: min 2, max 5, warmup ratio 0.2, 100 steps, values at steps 0, 5, …, 100.
 */
class CreditAssignmentTest {
    /** {@code values_at_steps_0_5_10_to_100}, copied from shared/golden/hrm/expected.json. */
    private static final int[] GOLDEN_BP_STEPS = {2, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};

    private static final ModelConfig HRM = ModelConfig.of(Architecture.HRM, 97, 64, 4, 2);

    @Test
    void bpStepsAtReproducesTheGoldenWarmup() {
        for (int i = 0; i < GOLDEN_BP_STEPS.length; i++) {
            int step = 5 * i;
            assertEquals(GOLDEN_BP_STEPS[i], CreditAssignment.bpStepsAt(step, 100, 0.2, 2, 5), "step " + step);
        }
    }

    @Test
    void hrmWarmupScheduleCarriesThatManyGradientCalls() {
        CreditAssignment warmup = CreditAssignment.warmup(HRM, 100);
        for (int i = 0; i < GOLDEN_BP_STEPS.length; i++) {
            int step = 5 * i;
            assertEquals(GOLDEN_BP_STEPS[i], warmup.bpStepsAt(step), "step " + step);
            assertEquals(CreditPattern.fromBpSteps(2, GOLDEN_BP_STEPS[i]), warmup.patternAt(step), "step " + step);
        }
    }

    @Test
    void stepsBetweenGoldenPointsFloorTheProgress() {
        // progress = step / 20; bp = 2 + floor(progress * 3): steps 6 (0.9) -> 2, 7 (1.05) -> 3, 19 (2.85) -> 4.
        assertEquals(2, CreditAssignment.bpStepsAt(6, 100, 0.2, 2, 5));
        assertEquals(3, CreditAssignment.bpStepsAt(7, 100, 0.2, 2, 5));
        assertEquals(4, CreditAssignment.bpStepsAt(19, 100, 0.2, 2, 5));
        assertEquals(5, CreditAssignment.bpStepsAt(1, 100, 0.0, 2, 5), "no warmup window: deepest at once");
    }

    @Test
    void constantCreditIsTheDeepestFromTheFirstStep() {
        CreditAssignment sft = CreditAssignment.constant(HRM);
        assertEquals(5, sft.bpStepsAt(1));
        assertEquals(RecurrenceSchedule.of(HRM, new CreditPattern(2, 3)), sft.scheduleAt(1));
    }

    @Test
    void baselinesKeepTheirFixedTruncationDuringWarmup() {
        ModelConfig ut = ModelConfig.of(Architecture.UNIVERSAL_TRANSFORMER, 97, 64, 4, 2);
        CreditAssignment warmup = CreditAssignment.warmup(ut, 100);
        assertEquals(2, warmup.bpStepsAt(1));
        assertEquals(2, warmup.bpStepsAt(100));
    }

    @Test
    void fixedPatternOverridesTheWarmup() {
        CreditAssignment fixed = CreditAssignment.fixed(HRM, CreditPattern.parse("H1L4"));
        assertEquals(new CreditPattern(1, 4), fixed.patternAt(1));
        assertEquals(5, fixed.bpStepsAt(1));
    }
}
