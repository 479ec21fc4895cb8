package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards exact resume with the real backend: 20 steps straight and 10 steps followed by
 * {@code --resume} to step 20 log the same loss, gradient norm and accuracy at every step and end
 * with byte-identical {@code model.safetensors}, EMA weights and {@code optimizer.safetensors}. The config keeps every
 * schedule independent of {@code train.steps} (constant learning rate after warmup, the
 * architecture's own credit), so stopping the first half at step 10 changes nothing before it.
 * Resuming with another data layout (seed) is refused and leaves the run directory as it was.
 */
class TrainResumeTest {
    @Test
    void tenPlusTenEqualsTwentyStraight(@TempDir Path dir) {
        TrainInputs inputs = new TrainInputs(dir);
        Path straight = dir.resolve("straight");
        inputs.train(straight).succeeded();
        Path resumed = dir.resolve("resumed");
        inputs.train(resumed, "--set", "train.steps=10").succeeded();
        inputs.train(resumed, "--resume", resumed.resolve("checkpoint")).succeeded();

        assertEquals(IntStream.rangeClosed(1, 20).asDoubleStream().boxed().toList(), Metrics.column(resumed, "step"));
        for (String metric : List.of("loss", "grad_norm", "token_accuracy")) {
            assertEquals(Metrics.column(straight, metric), Metrics.column(resumed, metric), metric);
        }
        for (String f : List.of("model.safetensors", "model_ema.safetensors", "checkpoint/model.safetensors",
                "checkpoint/model_ema.safetensors", "checkpoint/optimizer.safetensors")) {
            assertEquals(OutputFiles.digest(straight.resolve(f)), OutputFiles.digest(resumed.resolve(f)), f);
        }
    }

    @Test
    void resumingWithAnotherSeedIsRefused(@TempDir Path dir) {
        TrainInputs inputs = new TrainInputs(dir);
        Path run = inputs.run();
        inputs.train(run, "--set", "train.steps=2").succeeded();
        Path checkpoint = run.resolve("checkpoint");
        Map<String, String> before = OutputFiles.digests(run);
        String m = inputs.train(run, "--resume", checkpoint, "--set", "train.seed=4").failure(Hrm.BAD_INPUT, "train");
        assertTrue(m.startsWith("--resume " + checkpoint + ": the checkpoint was trained with seed = 0 but the config has 4"), m);
        assertEquals(before, OutputFiles.digests(run));
    }
}
