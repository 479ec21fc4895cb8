package org.hrmtext.domain.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.schedule.StateSlot;
import org.junit.jupiter.api.Test;

/** Which values each module call is compared with, and how credit patterns clamp. */
class DepthProbeTest {

    @Test
    void hrmComparesEachCallWithThePreviousValueOfItsState() {
        ModelConfig c = ModelConfig.of(Architecture.HRM, 32, 16, 2, 1);
        List<DepthProbe.Step> plan = DepthProbe.plan(RecurrenceSchedule.of(c, CreditPattern.FULL));
        assertEquals(List.of("L1", "L2", "L3", "H1", "L4", "L5", "L6", "H2"), plan.stream().map(DepthProbe.Step::label).toList());
        assertEquals(new DepthProbe.Step(0, "L1", StateSlot.Z_L, -1), plan.get(0));
        assertEquals(new DepthProbe.Step(1, "L2", StateSlot.Z_L, 0), plan.get(1));
        assertEquals(new DepthProbe.Step(3, "H1", StateSlot.Z_H, -1), plan.get(3));
        assertEquals(new DepthProbe.Step(4, "L4", StateSlot.Z_L, 2), plan.get(4));
        assertEquals(new DepthProbe.Step(7, "H2", StateSlot.Z_H, 3), plan.get(7));
    }

    @Test
    void rinsHighCallComparesWithTheEmbedding() {
        ModelConfig c = ModelConfig.of(Architecture.RINS, 32, 16, 2, 1);
        List<DepthProbe.Step> plan = DepthProbe.plan(RecurrenceSchedule.of(c, CreditPattern.FULL));
        assertEquals(8, plan.size());
        assertEquals(new DepthProbe.Step(7, "H1", StateSlot.Z_H, -1), plan.get(7));
    }

    @Test
    void patternsDeeperThanTheArchitectureAreClamped() {
        ModelConfig hrm = ModelConfig.of(Architecture.HRM, 32, 16, 2, 1);
        assertEquals(new CreditPattern(2, 6), RecurrenceSchedule.of(hrm, CreditPattern.FULL).effectiveCredit());
        assertEquals(new CreditPattern(2, 3), RecurrenceSchedule.of(hrm, CreditPattern.parse("H2L3")).effectiveCredit());
        ModelConfig transformer = hrm.withArchitecture(Architecture.TRANSFORMER);
        assertEquals(new CreditPattern(1, 0), RecurrenceSchedule.of(transformer, CreditPattern.parse("H2L3")).effectiveCredit());
        ModelConfig ut = hrm.withArchitecture(Architecture.UNIVERSAL_TRANSFORMER);
        assertEquals(new CreditPattern(0, 4), RecurrenceSchedule.of(ut, CreditPattern.FULL).effectiveCredit());
        assertEquals(new CreditPattern(0, 2), RecurrenceSchedule.of(ut, CreditPattern.parse("H2L2")).effectiveCredit());
    }
}
