package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.checkpoint.ModelDirectory;
import org.hrmtext.domain.model.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards that {@code hrm train} with the real backend learns: 80 steps of the tiny HRM on the
 * reverse task (4 rows of 64 tokens, lr 3e-3, credit warmup) bring the loss of the last logged
 * steps below 0.6 of the first step's, with every metrics field logged at each step and the final
 * model directory, EMA weights and checkpoint written and readable.
 */
class TrainLearnsTest {
    private static final int STEPS = 80;

    @Test
    void lossFallsWellBelowTheFirstStep(@TempDir Path dir) {
        TrainInputs inputs = new TrainInputs(dir);
        Path out = inputs.run();
        inputs.train(out, "--set", "train.steps=" + STEPS, "--set", "train.rows=4", "--set", "train.credit_warmup=true",
                "--set", "optimizer.warmup_steps=8").succeeded();

        assertEquals(List.of("step", "loss", "token_accuracy", "sequence_exact_accuracy", "grad_norm", "lr", "bp_steps",
                "tokens_per_s"), List.copyOf(Metrics.of(out).get(0).keySet()));
        List<Double> losses = Metrics.column(out, "loss");
        assertEquals(STEPS, losses.size());
        double end = losses.subList(STEPS - 5, STEPS).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(end < 0.6 * losses.get(0), "first loss " + losses.get(0) + ", mean of the last five " + end);

        for (String f : List.of("config.json", "model.safetensors", "model_ema.safetensors", "checkpoint/model.safetensors",
                "checkpoint/optimizer.safetensors", "checkpoint/trainer_state.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        ModelWeights model = ModelDirectory.read(out);
        assertEquals(512, model.layout().config().vocabSize());
    }
}
