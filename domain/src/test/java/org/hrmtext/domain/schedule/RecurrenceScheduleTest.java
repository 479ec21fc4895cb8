package org.hrmtext.domain.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.RecurrenceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The domain's recurrence schedules equal the golden-vector oracle's, call by call. */
class RecurrenceScheduleTest {

    static ModelConfig golden(Architecture arch) {
        return ModelConfig.of(arch, 97, 64, 4, 2);
    }

    static ModelConfig withRecurrence(Architecture arch, int h, int l, int hbp, int lbp, int cycles, int bpCycles,
            int lBpCycles) {
        return golden(arch).withRecurrence(new RecurrenceConfig(h, l, 2, 5, 0.2, hbp, lbp, cycles, bpCycles, lBpCycles));
    }

    @ParameterizedTest(name = "HRM H2L3 at bp_steps {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void hrmScheduleMatchesOracleAtEachBackpropDepth(int bpSteps) {
        ModelConfig hrm = golden(Architecture.HRM);
        RecurrenceSchedule s = RecurrenceSchedule.of(hrm, CreditPattern.fromBpSteps(2, bpSteps));
        assertEquals(OracleSchedule.of(hrm, bpSteps), OracleSchedule.describe(s), s.toString());
        assertEquals(bpSteps, s.gradientCalls());
    }

    @ParameterizedTest(name = "HRM H3L2 at bp_steps {0}")
    @ValueSource(ints = {1, 2, 4, 9})
    void hrmScheduleFollowsOtherCycleCounts(int bpSteps) {
        ModelConfig hrm = withRecurrence(Architecture.HRM, 3, 2, 2, 3, 4, 2, 4);
        RecurrenceSchedule s = RecurrenceSchedule.of(hrm, CreditPattern.fromBpSteps(3, bpSteps));
        assertEquals(OracleSchedule.of(hrm, bpSteps), OracleSchedule.describe(s), s.toString());
    }

    @Test
    void fullCreditCarriesGradientThroughEveryCall() {
        ModelConfig hrm = golden(Architecture.HRM);
        RecurrenceSchedule full = RecurrenceSchedule.of(hrm, CreditPattern.FULL);
        assertEquals(OracleSchedule.of(hrm, 8), OracleSchedule.describe(full));
        assertEquals(8, full.gradientCalls());
        assertEquals(full, RecurrenceSchedule.of(hrm, CreditPattern.parse("full")));
    }

    static Stream<Arguments> baselines() {
        List<Arguments> out = new ArrayList<>();
        for (Architecture a : List.of(Architecture.UNIVERSAL_TRANSFORMER, Architecture.RINS, Architecture.TRM,
                Architecture.TRANSFORMER)) {
            out.add(Arguments.of(a + " (golden)", golden(a)));
        }
        out.add(Arguments.of("universal_transformer cycles 6, bp 3",
                withRecurrence(Architecture.UNIVERSAL_TRANSFORMER, 2, 3, 2, 3, 6, 3, 4)));
        out.add(Arguments.of("rins L5, bp 2", withRecurrence(Architecture.RINS, 2, 5, 2, 3, 4, 2, 2)));
        out.add(Arguments.of("trm H3L2, H_bp 1, L_bp 4", withRecurrence(Architecture.TRM, 3, 2, 1, 4, 4, 2, 2)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void baselineScheduleWithItsOwnTruncationMatchesOracle(String label, ModelConfig config) {
        RecurrenceSchedule s = RecurrenceSchedule.of(config, RecurrenceSchedule.ownCredit(config));
        assertEquals(OracleSchedule.of(config, 0), OracleSchedule.describe(s), s.toString());
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void lmHeadReadsTheOraclesOutputState(Architecture arch) {
        RecurrenceSchedule s = RecurrenceSchedule.of(golden(arch), RecurrenceSchedule.ownCredit(golden(arch)));
        StateSlot expected = arch == Architecture.UNIVERSAL_TRANSFORMER ? StateSlot.Z_L : StateSlot.Z_H;
        assertEquals(expected, s.output());
        assertEquals(arch != Architecture.TRANSFORMER, s.usesZlInit());
    }

    @Test
    void hrmOwnCreditIsTheDeepestWarmupDepth() {
        assertEquals(new CreditPattern(2, 3), RecurrenceSchedule.ownCredit(golden(Architecture.HRM)));
    }

    @ParameterizedTest(name = "{0} at depth {1}")
    @MethodSource("depths")
    void creditForDepthCountsModuleCalls(Architecture arch, int depth, int gradientCalls) {
        ModelConfig c = golden(arch);
        assertEquals(gradientCalls, RecurrenceSchedule.of(c, RecurrenceSchedule.creditForDepth(c, depth)).gradientCalls());
    }

    static Stream<Arguments> depths() {
        return Stream.of(Arguments.of(Architecture.HRM, 2, 2), Arguments.of(Architecture.HRM, 5, 5),
                Arguments.of(Architecture.TRM, 3, 3), Arguments.of(Architecture.UNIVERSAL_TRANSFORMER, 3, 3),
                Arguments.of(Architecture.RINS, 1, 1), Arguments.of(Architecture.RINS, 5, 5),
                Arguments.of(Architecture.TRANSFORMER, 1, 1));
    }
}
