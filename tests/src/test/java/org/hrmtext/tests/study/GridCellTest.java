package org.hrmtext.tests.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hrmtext.lab.study.v2.FreshTask;
import org.hrmtext.lab.study.v2.GridCell;
import org.hrmtext.lab.study.v2.TensorSet;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.cli.wiring.Composition;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.diagnostics.GradientGroup;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.ScoredGradients;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;
import org.junit.jupiter.api.Test;

/**
 * The paper's {@code Hk_Lj} grid mapped to our module calls (H_cycles 2, L_cycles 3: calls
 * L0 L1 L2 H3 | L4 L5 L6 H7), the fresh task's train/held-out split, and, on the DJL backend, that
 * every truncation of one checkpoint sees the identical head gradient while the stacks differ.
 */
class GridCellTest {
    private static final ModelConfig HRM = ModelPresets.named("tiny").withArchitecture(Architecture.HRM);

    private static String starred(RecurrenceSchedule s) {
        return s.calls().stream().filter(ModuleCall::carriesGradient).map(c -> String.valueOf(c.index()))
                .collect(Collectors.joining(","));
    }

    private static Map<String, RecurrenceSchedule> grid(ModelConfig c) {
        return GridCell.gridOf(c).stream().collect(Collectors.toMap(GridCell::name, GridCell::schedule));
    }

    @Test
    void paperGridCountsCyclesAndLastLCallsWithinEach() {
        Map<String, RecurrenceSchedule> g = grid(HRM);
        assertEquals(List.of("H1_L1", "H1_L2", "H1_L3", "H2_L1", "H2_L2", "H2_L3", "bp5", "full"),
                GridCell.gridOf(HRM).stream().map(GridCell::name).toList());
        assertEquals("6,7", starred(g.get("H1_L1")));
        assertEquals("4,5,6,7", starred(g.get("H1_L3")));
        assertEquals("1,2,3,5,6,7", starred(g.get("H2_L2")), "HRM's used setting: 2 L calls in each of 2 cycles");
        assertEquals(starred(g.get("full")), starred(g.get("H2_L3")), "H2_L3 is full BPTT");
        assertEquals("0,1,2,3,4,5,6,7", starred(g.get("H2_L3")));
        assertEquals("3,4,5,6,7", starred(g.get("bp5")), "the code's bp 5: last 2 H and last 3 L calls of the unroll");
        assertNotEquals(starred(g.get("bp5")), starred(g.get("H2_L2")));
    }

    @Test
    void baselinesGetTheirOwnGrids() {
        ModelConfig rins = ModelPresets.named("tiny").withArchitecture(Architecture.RINS);
        assertEquals(8, GridCell.gridOf(rins).size(), "H1_L1..H1_L7 and full (H1_L7 is full BPTT on 7 L calls)");
        ModelConfig ut = ModelPresets.named("tiny").withArchitecture(Architecture.UNIVERSAL_TRANSFORMER);
        assertEquals(List.of("L1", "L2", "L3", "L4", "full"), GridCell.gridOf(ut).stream().map(GridCell::name).toList());
    }

    @Test
    void heldOutSamplesAreNeverTrainingSamples() {
        FreshTask task = new FreshTask(4, 64, 3);
        for (int i = 0; i < 20; i++) {
            assertTrue(digitStrings(task.nextTrain()).stream().noneMatch(FreshTask::heldOut));
            assertTrue(digitStrings(task.nextHeldOut()).stream().allMatch(FreshTask::heldOut));
        }
        assertTrue(task.trainSamples() >= 20 * 10, "about 14 samples a 4 × 64 batch: " + task.trainSamples());
    }

    private static List<int[]> digitStrings(PackedBatch b) {
        return b.spans().stream().map(s -> {
            int start = s.row() * b.seqLen() + s.start();
            int n = s.prefixLen() - 3;
            int[] d = new int[n];
            for (int i = 0; i < n; i++) {
                d[i] = b.inputs()[start + 2 + i] - 10;
            }
            return d;
        }).toList();
    }

    @Test
    void twoTruncationsOnOneCheckpointSeeTheSameHeadGradient() {
        Injector injector = Composition.injector();
        ParameterLayout layout = ParameterLayout.of(HRM);
        PackedBatch batch = new FreshTask(2, 64, 1).nextTrain();
        Map<String, RecurrenceSchedule> g = grid(HRM);
        try (Trainer trainer = injector.getInstance(BackendRegistry.class).select("djl").openTrainer(
                TrainerSpec.fresh(WeightInitializer.initialize(layout, 5), AdamAtan2Settings.pretraining()), BackendOptions.cpu(1))) {
            Map<String, Double> shallow = trainer.score(batch, new ScoreRequest(g.get("H1_L1"), true, false)).gradNorms();
            Map<String, Double> full = trainer.score(batch, new ScoreRequest(g.get("full"), true, false)).gradNorms();
            double a = shallow.get(ParameterNames.LM_HEAD);
            double b = full.get(ParameterNames.LM_HEAD);
            assertTrue(a > 0 && Math.abs(a - b) <= 1e-6 * b, "head gradient norm: H1_L1 " + a + ", full " + b);
            TensorSet stacks = TensorSet.stacks(layout);
            assertTrue(trainer.scoresStatistics());
            ScoredGradients both = trainer.scoreWithStatistics(batch, g.get("full"));
            ScoredGradients cut = trainer.scoreWithStatistics(batch, g.get("H1_L1"));
            assertEquals(both.tensors().get(ParameterNames.LM_HEAD), cut.tensors().get(ParameterNames.LM_HEAD),
                    "the head's per-tensor moments are the same under both truncations");
            assertNotEquals(TensorSet.pooledMeanAbs(stacks.moments(cut.tensors(), "H1_L1")),
                    TensorSet.pooledMeanAbs(stacks.moments(both.tensors(), "full")), "the stacks see different truncations");
            both.tensors().forEach((name, m) -> {
                double l2 = full.get(name);
                assertTrue(m.meanAbs() * m.count() >= l2 * (1 - 1e-5) && m.meanAbs() <= l2 / Math.sqrt(m.count()) * (1 + 1e-5),
                        name + ": L2 ≤ L1 ≤ √n·L2, mean |g| " + m.meanAbs() + ", ‖g‖ " + l2);
                assertTrue(m.median() <= m.p99(), name);
            });
            both.score().gradNorms().forEach((name, v) -> assertTrue(Math.abs(v - full.get(name)) <= 1e-9 * Math.max(v, 1e-12),
                    name + ": scoreWithStatistics " + v + ", score " + full.get(name)));
            assertTrue(both.statistics().groups().get(GradientGroup.LOW_STACK).logStd() > 0, "element dispersion of L");
            Map<String, Double> again = trainer.score(batch, new ScoreRequest(g.get("full"), true, false)).gradNorms();
            assertEquals(full, again, "scoring changes no state");
        }
    }
}
