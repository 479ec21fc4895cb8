package org.hrmtext.domain.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.junit.jupiter.api.Test;

/**
 * The dataflow written once, run over symbolic kernels that spell each value out: initial slots,
 * summed inputs, outputs overwriting targets, the first output kept for guidance, and every sum
 * formed after its call was entered.
 */
class RecurrenceDataflowTest {

    /** Values are expressions such as {@code H4(E + L3(...))}; every kernel call is logged. */
    private static class Symbols implements RecurrenceDataflow.Kernels<String> {
        final List<String> log = new ArrayList<>();
        Boolean embeddingTrained;

        @Override
        public String embedded(boolean trained) {
            embeddingTrained = trained;
            log.add("embed");
            return "E";
        }

        @Override
        public String zLInit(String like) {
            log.add("zL_init like " + like);
            return "z0";
        }

        @Override
        public void enter(ModuleCall call) {
            log.add("enter " + call.index());
        }

        @Override
        public String add(String a, String b) {
            log.add("add");
            return a + " + " + b;
        }

        @Override
        public String call(ModuleCall call, String input) {
            log.add("call " + call.index());
            return (call.role() == CallRole.HIGH ? "H" : "L") + call.index() + "(" + input + ")";
        }
    }

    private static RecurrenceDataflow.Trace<String> run(Architecture arch, int h, int l, CreditPattern credit,
            Symbols symbols) {
        ModelConfig config = RecurrenceScheduleTest.withRecurrence(arch, h, l, 1, 1, 2, 1, 2);
        return RecurrenceDataflow.run(RecurrenceSchedule.of(config, credit), symbols);
    }

    @Test
    void hrmStartsFromTheEmbeddingAndZlInitAndSumsEachCallsInputs() {
        Symbols s = new Symbols();
        RecurrenceDataflow.Trace<String> t = run(Architecture.HRM, 2, 1, new CreditPattern(2, 2), s);
        assertEquals("E", t.initial().get(StateSlot.INPUT));
        assertEquals("E", t.initial().get(StateSlot.Z_H));
        assertEquals("z0", t.initial().get(StateSlot.Z_L));
        assertEquals(List.of("L0(z0 + E)", "H1(E + L0(z0 + E))", "L2(L0(z0 + E) + H1(E + L0(z0 + E)))",
                "H3(H1(E + L0(z0 + E)) + L2(L0(z0 + E) + H1(E + L0(z0 + E))))"), t.calls());
        assertSame(t.calls().get(1), t.first(), "guidance reads the first value written to z_H");
        assertSame(t.calls().get(3), t.last());
        assertEquals(Boolean.TRUE, s.embeddingTrained);
    }

    @Test
    void eachSumIsFormedAfterItsCallIsEntered() {
        Symbols s = new Symbols();
        run(Architecture.HRM, 1, 1, new CreditPattern(1, 1), s);
        assertEquals(List.of("embed", "zL_init like E", "enter 0", "add", "call 0", "enter 1", "add", "call 1"), s.log);
    }

    @Test
    void theEmbeddingIsFrozenWhenNoLiveCallReachesIt() {
        Symbols s = new Symbols();
        run(Architecture.HRM, 2, 3, CreditPattern.fromBpSteps(2, 2), s);
        assertEquals(Boolean.FALSE, s.embeddingTrained, "HRM at bp_steps 2: only the last H and L calls train");
    }

    @Test
    void theTransformerReadsTheInputAloneAndHasNoZl() {
        Symbols s = new Symbols();
        RecurrenceDataflow.Trace<String> t = run(Architecture.TRANSFORMER, 1, 1, new CreditPattern(1, 0), s);
        assertEquals(List.of("H0(E)"), t.calls());
        assertEquals(null, t.initial().get(StateSlot.Z_L));
        assertSame(t.first(), t.last());
    }

    @Test
    void rinsLoopsOnTheInputThenRunsHOnceWithoutInjection() {
        Symbols s = new Symbols();
        RecurrenceDataflow.Trace<String> t = run(Architecture.RINS, 1, 2, new CreditPattern(1, 2), s);
        assertEquals(List.of("L0(z0 + E)", "L1(L0(z0 + E) + E)", "H2(L1(L0(z0 + E) + E))"), t.calls());
    }

    @Test
    void stateProbesAreAddedToEveryCallsOutputAndReadByTheNextCalls() {
        Symbols s = new Symbols() {
            @Override
            public String zeroProbe(ModuleCall call, String out) {
                log.add("probe " + call.index());
                return "p" + call.index();
            }
        };
        ModelConfig config = RecurrenceScheduleTest.withRecurrence(Architecture.HRM, 1, 1, 1, 1, 2, 1, 2);
        RecurrenceDataflow.Trace<String> t = RecurrenceDataflow.run(RecurrenceSchedule.of(config, CreditPattern.FULL), s, true);
        assertEquals(List.of("L0(z0 + E) + p0", "H1(E + L0(z0 + E) + p0) + p1"), t.calls());
        assertEquals(List.of("embed", "zL_init like E", "enter 0", "add", "call 0", "probe 0", "add", "enter 1", "add", "call 1",
                "probe 1", "add"), s.log);
        assertEquals(List.of("L0(z0 + E)", "H1(E + L0(z0 + E))"), RecurrenceDataflow.run(RecurrenceSchedule.of(config,
                CreditPattern.FULL), new Symbols()).calls(), "without probes nothing is added");
        assertThrows(UnsupportedOperationException.class, () -> RecurrenceDataflow.run(RecurrenceSchedule.of(config,
                CreditPattern.FULL), new Symbols(), true), "a backend without probes refuses");
    }
}
