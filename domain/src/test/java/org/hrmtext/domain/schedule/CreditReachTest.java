package org.hrmtext.domain.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which weights a truncated backward pass reaches. The golden HRM gradients at bp_steps = 2 have
 * embedding norm 0 (z_H = embedding only enters H call 0, which runs outside autograd) and a
 * non-zero norm from bp_steps = 3 on.
 */
class CreditReachTest {
    private static final ModelConfig HRM = RecurrenceScheduleTest.golden(Architecture.HRM);

    private static RecurrenceSchedule hrmAt(int bpSteps) {
        return RecurrenceSchedule.of(HRM, CreditPattern.fromBpSteps(2, bpSteps));
    }

    @Test
    void hrmAtTwoStepsTrainsBothStacksButNotTheEmbedding() {
        assertEquals(EnumSet.of(StackId.HIGH, StackId.LOW), hrmAt(2).trainedStacks());
        assertFalse(hrmAt(2).embeddingTrained());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 8})
    void hrmFromThreeStepsReachesTheEmbedding(int bpSteps) {
        assertEquals(EnumSet.of(StackId.HIGH, StackId.LOW), hrmAt(bpSteps).trainedStacks());
        assertTrue(hrmAt(bpSteps).embeddingTrained());
    }

    @Test
    void hrmAtOneStepTrainsOnlyTheLastLowCallWhoseOutputIsNotRead() {
        // bp_steps 1: H_bp = 0, L_bp = 1: L call 5 carries gradient but feeds the non-gradient H call 1.
        assertEquals(Set.of(), hrmAt(1).trainedStacks());
        assertFalse(hrmAt(1).embeddingTrained());
    }

    @Test
    void trmTrainsItsSharedStackAndTheEmbedding() {
        ModelConfig trm = RecurrenceScheduleTest.golden(Architecture.TRM);
        RecurrenceSchedule s = RecurrenceSchedule.of(trm, RecurrenceSchedule.ownCredit(trm));
        assertEquals(EnumSet.of(StackId.LOW), s.trainedStacks());
        assertTrue(s.embeddingTrained());
    }

    @Test
    void rinsWithOnlyItsHighCallTrainsNeitherLowStackNorEmbedding() {
        ModelConfig rins = RecurrenceScheduleTest.golden(Architecture.RINS);
        RecurrenceSchedule shallow = RecurrenceSchedule.of(rins, RecurrenceSchedule.creditForDepth(rins, 1));
        assertEquals(EnumSet.of(StackId.HIGH), shallow.trainedStacks());
        assertFalse(shallow.embeddingTrained());
        RecurrenceSchedule own = RecurrenceSchedule.of(rins, RecurrenceSchedule.ownCredit(rins));
        assertEquals(EnumSet.of(StackId.HIGH, StackId.LOW), own.trainedStacks());
        assertTrue(own.embeddingTrained());
    }

    @Test
    void loopedAndPlainTransformersReachTheEmbeddingThroughTheirInput() {
        for (Architecture a : new Architecture[] {Architecture.UNIVERSAL_TRANSFORMER, Architecture.TRANSFORMER}) {
            ModelConfig c = RecurrenceScheduleTest.golden(a);
            RecurrenceSchedule s = RecurrenceSchedule.of(c, RecurrenceSchedule.ownCredit(c));
            assertEquals(EnumSet.of(a == Architecture.TRANSFORMER ? StackId.HIGH : StackId.LOW), s.trainedStacks());
            assertTrue(s.embeddingTrained(), a.toString());
        }
    }
}
