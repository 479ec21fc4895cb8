package org.hrmtext.tests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.domain.training.CreditAssignment;
import org.hrmtext.domain.training.LearningRateSchedule;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.OptimizerState;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.ScoreResult;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.StepResult;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backends are interchangeable: the same config, data, seed and initial weights trained on each
 * backend give the same loss at every step (the credit depth warming up from 2 to 5, so several
 * schedules and the skipped embedding are exercised), and weights plus optimizer state exported
 * by one backend load into another, which then scores and keeps training identically.
 */
class CrossBackendEquivalenceTest {
    private static final int STEPS = 20;
    private static final int RESUME_AT = 10;
    private static final double STEP_LOSS_RELATIVE = 1e-3;
    private static final double CHECKPOINT_RELATIVE = 1e-5;
    private static final ModelConfig CONFIG = ModelPresets.named("tiny");
    private static final ModelWeights INITIAL = WeightInitializer.initialize(ParameterLayout.of(CONFIG), 0);
    private static final AdamAtan2Settings OPTIMIZER = AdamAtan2Settings.pretraining();
    private static final CreditAssignment CREDIT = CreditAssignment.warmup(CONFIG, STEPS);
    private static final LearningRateSchedule LR = new LearningRateSchedule(1e-3, 5, STEPS, 0.1);
    private static final List<PackedBatch> BATCHES = reverseTaskBatches();

    @Test
    void twentyStepsGiveTheSameLossesOnEveryBackend() {
        String reference = Backends.UNDER_TEST.get(0);
        double[] expected = train(reference);
        List<String> failures = new ArrayList<>();
        for (String backend : Backends.UNDER_TEST.subList(1, Backends.UNDER_TEST.size())) {
            double[] losses = train(backend);
            for (int s = 0; s < STEPS; s++) {
                if (!Tolerance.relativeClose(expected[s], losses[s], STEP_LOSS_RELATIVE)) {
                    failures.add(String.format(Locale.ROOT, "%s step %d: loss %.7f, %s had %.7f", backend, s + 1,
                            losses[s], reference, expected[s]));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    static Stream<Arguments> backendPairs() {
        return Backends.UNDER_TEST.stream().flatMap(from -> Backends.UNDER_TEST.stream()
                .filter(to -> !to.equals(from)).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("backendPairs")
    void aCheckpointOfOneBackendScoresAndResumesIdenticallyOnAnother(String from, String to) {
        RecurrenceSchedule deepest = RecurrenceSchedule.of(CONFIG, RecurrenceSchedule.ownCredit(CONFIG));
        PackedBatch held = BATCHES.get(STEPS);
        List<String> failures = new ArrayList<>();
        try (Trainer source = open(from)) {
            for (int s = 1; s <= RESUME_AT; s++) {
                step(source, s);
            }
            ModelWeights weights = source.weights();
            OptimizerState state = source.optimizerState();
            ScoreResult expected = source.score(held, new ScoreRequest(deepest, true, false));
            try (Trainer target = Backends.provider(to).openTrainer(new TrainerSpec(weights, OPTIMIZER, Optional.of(state)),
                    BackendOptions.cpu(1))) {
                ScoreResult actual = target.score(held, new ScoreRequest(deepest, true, false));
                compare("loss", expected.loss(), actual.loss(), failures);
                expected.gradNorms().forEach((name, norm) -> compare(name, norm, actual.gradNorms().get(name), failures));
                assertEquals(state.tensorSteps(), target.optimizerState().tensorSteps(), "per-tensor step counts");
                for (HostTensor ema : state.ema().all()) {
                    assertEquals(ema, target.optimizerState().ema().get(ema.name()), "EMA of " + ema.name());
                }
                for (int s = RESUME_AT + 1; s <= RESUME_AT + 3; s++) {
                    compare("resumed step " + s + " loss", step(source, s), step(target, s), failures);
                }
            }
        }
        assertTrue(failures.isEmpty(), from + " -> " + to + ":\n" + String.join("\n", failures));
    }

    private static double[] train(String backend) {
        double[] losses = new double[STEPS];
        try (Trainer trainer = open(backend)) {
            for (int s = 1; s <= STEPS; s++) {
                losses[s - 1] = step(trainer, s);
            }
        }
        return losses;
    }

    private static Trainer open(String backend) {
        return Backends.provider(backend).openTrainer(TrainerSpec.fresh(INITIAL, OPTIMIZER), BackendOptions.cpu(1));
    }

    /** Step {@code s} (1-based) with the run's schedules; returns its loss. */
    private static double step(Trainer trainer, int s) {
        StepResult result = trainer.step(BATCHES.get(s - 1), new StepPlan(LR.at(s), CREDIT.scheduleAt(s)));
        assertTrue(result.finite(), "step " + s + " was not finite");
        return result.loss();
    }

    private static void compare(String what, double expected, Double actual, List<String> failures) {
        if (actual == null || (!Tolerance.relativeClose(expected, actual, CHECKPOINT_RELATIVE)
                && Math.abs(actual - expected) > Tolerance.GRAD_NORM_ABSOLUTE_AT_ZERO)) {
            failures.add(String.format(Locale.ROOT, "%s: %s, expected %.9g", what, actual, expected));
        }
    }

    /** A small reverse-the-sequence task (response = instruction reversed), packed 2 rows × 48. */
    private static List<PackedBatch> reverseTaskBatches() {
        SplittableRandom rng = new SplittableRandom(7);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int[] body = rng.ints(2 + rng.nextInt(8), 10, 40).toArray();
            int[] instruction = new int[body.length + 2];
            int[] response = new int[body.length + 1];
            instruction[0] = 1;
            instruction[body.length + 1] = 2;
            for (int k = 0; k < body.length; k++) {
                instruction[k + 1] = body[k];
                response[k] = body[body.length - 1 - k];
            }
            response[body.length] = 3;
            samples.add(new Sample(instruction, response));
        }
        List<PackedBatch> batches = new SamplePacker(2, 48).packEpoch(samples, 0, 0);
        return batches.subList(0, STEPS + 1);
    }
}
