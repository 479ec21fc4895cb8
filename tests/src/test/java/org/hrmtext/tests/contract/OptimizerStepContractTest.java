package org.hrmtext.tests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.ports.OptimizerState;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.StepResult;
import org.hrmtext.ports.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden contract, one AdamATan2 step: the weights after it, the frozen {@code z_L_init}, the EMA,
 * and per-tensor skipping of tensors that got no gradient (HRM at bp_steps = 2: the embedding).
 */
class OptimizerStepContractTest {

    private static StepResult deepestStep(Trainer trainer, GoldenCase golden) {
        return trainer.step(golden.batch(), new StepPlan(golden.learningRate(), golden.schedule(golden.deepest())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.hrmtext.tests.contract.Backends#goldenCases")
    void oneStepMatchesTheReferenceWeights(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        try (Trainer trainer = Backends.open(backend, golden)) {
            StepResult step = deepestStep(trainer, golden);
            assertTrue(step.finite(), "step reported non-finite values");
            assertTrue(Tolerance.relativeClose(golden.loss(golden.deepest()), step.loss(), Tolerance.LOSS_RELATIVE),
                    "step loss " + step.loss() + ", expected " + golden.loss(golden.deepest()));
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, HostTensor> e : golden.afterOneStep().entrySet()) {
                String f = Tolerance.afterStep(e.getKey(), e.getValue().data(), trainer.weights().get(e.getKey()).data());
                if (f != null) {
                    failures.add(f);
                }
            }
            assertTrue(failures.isEmpty(), arch + ": " + failures.size() + " tensors off:\n" + String.join("\n", failures));
            if (golden.config().architecture().usesZlInit()) {
                assertEquals(golden.weights().get(ParameterNames.Z_L_INIT), trainer.weights().get(ParameterNames.Z_L_INIT),
                        "z_L_init is a frozen buffer");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.hrmtext.tests.contract.Backends#goldenCases")
    void emaMovesByOneMinusDecayOfTheStep(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        double rate = 1 - golden.optimizer().emaDecay();
        try (Trainer trainer = Backends.open(backend, golden)) {
            deepestStep(trainer, golden);
            List<String> failures = new ArrayList<>();
            for (HostTensor before : golden.weights().all()) {
                float[] p0 = before.data();
                float[] p1 = trainer.weights().get(before.name()).data();
                float[] ema = trainer.optimizerState().ema().get(before.name()).data();
                double moved = 0;
                double residual = 0;
                for (int i = 0; i < p0.length; i++) {
                    double want = rate * ((double) p1[i] - p0[i]);
                    moved += want * want;
                    residual += Math.pow((double) ema[i] - p0[i] - want, 2);
                }
                // An EMA stored in float32 next to p_old rounds its ~1e-7 move by a few percent.
                if (Math.sqrt(residual) > 0.25 * Math.sqrt(moved)) {
                    failures.add(String.format(Locale.ROOT, "%s: |ema - p_old - (1-ema)(p_new - p_old)| = %.3g, "
                            + "|(1-ema)(p_new - p_old)| = %.3g", before.name(), Math.sqrt(residual), Math.sqrt(moved)));
                }
            }
            assertTrue(failures.isEmpty(), arch + ":\n" + String.join("\n", failures));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.hrmtext.tests.contract.Backends#names")
    void hrmAtTwoBackpropStepsLeavesTheEmbeddingUntouched(String backend) {
        GoldenCase golden = GoldenCase.load("golden/hrm");
        RecurrenceSchedule bp2 = golden.schedule("2");
        assertTrue(!bp2.embeddingTrained(), "precondition: no embedding gradient at bp_steps 2");
        HostTensor embedding = golden.weights().get(ParameterNames.EMBEDDING);
        try (Trainer trainer = Backends.open(backend, golden)) {
            StepResult step = trainer.step(golden.batch(), new StepPlan(golden.learningRate(), bp2));
            assertTrue(step.finite());
            OptimizerState state = trainer.optimizerState();
            assertEquals(embedding, trainer.weights().get(ParameterNames.EMBEDDING), "no weight decay, no update");
            assertEquals(embedding, state.ema().get(ParameterNames.EMBEDDING), "no EMA update");
            assertEquals(0L, state.tensorSteps().getOrDefault(ParameterNames.EMBEDDING, 0L), "own step not advanced");
            HostTensor m = state.firstMoments().get(ParameterNames.EMBEDDING);
            assertTrue(m == null || m.l2Norm() == 0, "no first-moment update");
            assertEquals(1L, state.tensorSteps().get(ParameterNames.LM_HEAD), "trained tensors advance");
            assertNotEquals(golden.weights().get(ParameterNames.LM_HEAD), trainer.weights().get(ParameterNames.LM_HEAD));
        }
    }
}
