package org.hrmtext.domain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Linear warmup then cosine, against {@code schedules.lr} of the golden {@code hrm/expected.json}:
 * base 2.2e-4, 10 warmup steps, 100 steps, min ratio 0.1, values at steps 0, 10, …, 100.
 */
class LearningRateScheduleTest {
    /** {@code values_at_steps_0_10_20_to_100}, copied from shared/golden/hrm/expected.json. */
    private static final double[] GOLDEN_LR = {0.0, 0.00022, 0.00021402956945780493, 0.00019683839986877884,
        0.00017050000000000002, 0.0001381911695890261, 0.0001038088304109739, 7.150000000000003e-05,
        4.516160013122119e-05, 2.7970430542195078e-05, 2.2000000000000003e-05};

    private final LearningRateSchedule golden = new LearningRateSchedule(2.2e-4, 10, 100, 0.1);

    @Test
    void reproducesTheGoldenWarmupAndCosine() {
        for (int i = 0; i < GOLDEN_LR.length; i++) {
            int step = 10 * i;
            assertEquals(GOLDEN_LR[i], golden.at(step), 1e-12 * 2.2e-4, "step " + step);
        }
    }

    @Test
    void warmupIsLinear() {
        assertEquals(1.1e-4, golden.at(5), 1e-18);
        assertEquals(2.2e-5, golden.at(1), 1e-18);
    }

    @Test
    void cosineIsMonotoneAfterWarmupAndEndsAtTheMinimum() {
        for (int step = 10; step < 100; step++) {
            assertTrue(golden.at(step + 1) <= golden.at(step), "step " + step);
        }
        assertEquals(2.2e-5, golden.at(100), 1e-15);
    }

    @Test
    void minRatioOneIsConstantAfterWarmup() {
        LearningRateSchedule pretrain = new LearningRateSchedule(2.2e-4, 2000, 10_000, 1.0);
        assertEquals(2.2e-4, pretrain.at(2000), 0);
        assertEquals(2.2e-4, pretrain.at(7777), 0);
    }

    @Test
    void rejectsAMinRatioAboveOne() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new LearningRateSchedule(1e-3, 10, 100, 1.5));
        assertTrue(e.getMessage().contains("min_lr_ratio=1.5"), e.getMessage());
    }
}
