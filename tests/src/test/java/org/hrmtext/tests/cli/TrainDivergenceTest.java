package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hrmtext.app.checkpoint.SafetensorsCheckpointStore;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the NaN/Inf guard with the real backend: a run resumed from a good step-4 checkpoint with
 * a learning rate of 1e30 (one AdamATan2 step moves every weight by about 1e30, and the next
 * backward pass overflows) stops with exit 3 and one line naming the step and the last good
 * checkpoint; every file of the run directory except the metrics log is byte-identical to before,
 * and the checkpoint still loads and resumes to the end with a sane learning rate.
 */
class TrainDivergenceTest {
    private static final Pattern DIVERGED = Pattern.compile(
            "training diverged at step (\\d+): (loss is NaN|loss is infinite|a gradient is not finite \\(loss .*\\)); "
                    + "last good checkpoint: (.*) \\(step 4\\)");

    @Test
    void stopsAtTheFirstNonFiniteStepAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) {
        TrainInputs inputs = new TrainInputs(dir);
        Path run = inputs.run();
        Path checkpoint = run.resolve("checkpoint");
        inputs.train(run, "--set", "train.steps=4").succeeded();
        Map<String, String> before = OutputFiles.digests(run);
        before.remove(Metrics.FILE);

        String m = inputs.train(run, "--resume", checkpoint, "--set", "train.steps=8", "--set", "optimizer.lr=1e30",
                "--set", "train.checkpoint_every=100").failure(Hrm.DIVERGED, "train");
        Matcher match = DIVERGED.matcher(m);
        assertTrue(match.matches(), m);
        int step = Integer.parseInt(match.group(1));
        assertTrue(step > 4 && step <= 8, m);
        assertEquals(checkpoint.toString(), match.group(3));

        Map<String, String> after = OutputFiles.digests(run);
        after.remove(Metrics.FILE);
        assertEquals(before, after);
        assertEquals(4, new SafetensorsCheckpointStore().load(checkpoint).trainer().step());
        assertEquals(step - 1, Metrics.column(run, "step").size(), "one metrics line per finite step");

        inputs.train(run, "--resume", checkpoint, "--set", "train.steps=8").succeeded();
        assertEquals(8, new SafetensorsCheckpointStore().load(checkpoint).trainer().step());
    }
}
