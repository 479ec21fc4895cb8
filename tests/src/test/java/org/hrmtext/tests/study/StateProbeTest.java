package org.hrmtext.tests.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.cli.wiring.Composition;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.diagnostics.BlockDepth;
import org.hrmtext.domain.diagnostics.StateGradients;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.lab.study.v2.FreshTask;
import org.hrmtext.lab.study.v2.ProtocolRunSpec;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;
import org.junit.jupiter.api.Test;

/**
 * The DJL trainer's state-gradient probes (Jacobian growth) and per-block effective depth on the
 * study's micro model: what they return, that they change no state, and the identities their
 * definitions imply (the last block's lens is the final prediction, a block's cosine with itself
 * is 1).
 */
class StateProbeTest {
    private static final ModelConfig HRM = ProtocolRunSpec.model(ProtocolRunSpec.MICRO).withArchitecture(Architecture.HRM);

    private static Trainer trainer() {
        return Composition.injector().getInstance(BackendRegistry.class).select("djl").openTrainer(
                TrainerSpec.fresh(WeightInitializer.initialize(ParameterLayout.of(HRM), 3), AdamAtan2Settings.pretraining()),
                BackendOptions.cpu(1));
    }

    @Test
    void stateGradientsUnderFullBpttChangeNoState() {
        PackedBatch batch = new FreshTask(2, 64, 4).nextTrain();
        RecurrenceSchedule full = RecurrenceSchedule.of(HRM, CreditPattern.FULL);
        try (Trainer t = trainer()) {
            Map<String, Double> before = t.score(batch, new ScoreRequest(full, true, false)).gradNorms();
            StateGradients g = t.stateGradients(batch, full);
            assertEquals(java.util.List.of("L1", "L2", "L3", "H1", "L4", "L5", "L6", "H2"), g.labels());
            for (double n : g.norms()) {
                assertTrue(n > 0 && Double.isFinite(n), "‖∂L/∂z‖ " + n);
            }
            assertEquals(before, t.score(batch, new ScoreRequest(full, true, false)).gradNorms(),
                    "the probes leave the parameter gradients as they were");
            assertEquals(g.norms()[7], t.stateGradients(batch, full).norms()[7], 1e-9 * g.norms()[7], "repeatable");
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> t.stateGradients(batch, RecurrenceSchedule.of(HRM, CreditPattern.fromBpSteps(2, 5))));
            assertTrue(e.getMessage().contains("full BPTT"), e.getMessage());
        }
    }

    @Test
    void blockDepthFollowsItsDefinition() {
        PackedBatch batch = new FreshTask(2, 64, 5).nextHeldOut();
        RecurrenceSchedule full = RecurrenceSchedule.of(HRM, CreditPattern.FULL);
        try (Trainer t = trainer()) {
            BlockDepth d = t.blockDepth(batch, full);
            int blocks = 8 * HRM.numHiddenLayers();
            assertEquals(blocks, d.labels().size());
            assertEquals("L1.0", d.labels().get(0));
            assertEquals("H2." + (HRM.numHiddenLayers() - 1), d.labels().get(blocks - 1));
            for (int b = 0; b < blocks; b++) {
                assertTrue(d.deltaNorm()[b] > 0, "block " + b + " changes its stream");
                assertEquals(1.0, d.cosine()[b][b], 1e-4, "cosine of a block with itself");
                for (int c = 0; c < blocks; c++) {
                    assertEquals(d.cosine()[b][c], d.cosine()[c][b], 1e-5, "symmetric");
                }
                assertTrue(d.lensKl()[b] >= -1e-5, "KL ≥ 0: " + d.lensKl()[b]);
            }
            assertEquals(0.0, d.lensKl()[blocks - 1], 1e-4, "the last block's lens is the final prediction (MagicNorm, head)");
            assertTrue(d.lensKl()[0] > 1e-3, "the first block's lens is not");
        }
    }
}
