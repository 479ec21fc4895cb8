package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.io.RunDirectory;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run folders are owned: {@code hrm train} refuses an output directory that holds a finished run
 * (leaving it byte-identical) unless asked to {@code --overwrite} it; refuses one locked by another
 * process, naming its pid; refuses a file as {@code --out}; leaves no directory behind after an
 * early error; and restores a checkpoint that a kill left only under its hidden name when resuming.
 */
class RunOwnershipTest {
    @TempDir
    Path dir;

    @Test
    void aFinishedRunIsRefusedUnlessOverwritten() {
        TrainInputs inputs = new TrainInputs(dir);
        Path run = inputs.run();
        inputs.train(run, "--set", "train.steps=2").succeeded();
        Map<String, String> before = OutputFiles.digests(run);
        String m = inputs.train(run, "--set", "train.steps=2").failure(Hrm.BAD_INPUT, "train");
        assertEquals("--out " + run + " already holds a training run (metrics.jsonl, checkpoint, config.json, model.safetensors, "
                + "model_ema.safetensors): continue it with --resume " + run.resolve("checkpoint")
                + ", replace it with --overwrite, or choose another --out", m);
        assertEquals(before, OutputFiles.digests(run));
        inputs.train(run, "--set", "train.steps=3", "--overwrite").succeeded();
        assertEquals(3, Metrics.column(run, "step").size());
    }

    @Test
    void aLockedDirectoryIsRefusedNamingTheHolder() {
        TrainInputs inputs = new TrainInputs(dir);
        Path run = inputs.run();
        try (RunDirectory held = RunDirectory.claim(run, "--out")) {
            String m = inputs.train(run, "--set", "train.steps=2").failure(Hrm.BAD_INPUT, "train");
            assertEquals("--out " + run + ": in use by another hrm process (pid " + ProcessHandle.current().pid()
                    + "); wait for it to finish or choose another --out", m);
            assertEquals(List.of(), held.entries());
        }
    }

    @Test
    void anEarlyErrorLeavesNoOutputDirectory() {
        TrainInputs inputs = new TrainInputs(dir);
        String m = inputs.rejected(inputs.config(), inputs.data(), "--set", "backend.device=cuda");
        assertTrue(m.startsWith("backend.device=cuda: "), m);
    }

    @Test
    void aFileAsOutIsRefused() throws IOException {
        TrainInputs inputs = new TrainInputs(dir);
        Path file = inputs.data();
        String before = Files.readString(file);
        assertEquals("--out " + file + ": is a file, expected a directory",
                Hrm.run("train", "--config", inputs.config(), "--data", inputs.data(), "--out", file).failure(Hrm.BAD_INPUT, "train"));
        assertEquals(before, Files.readString(file));
    }

    @Test
    void aBatchTooLargeForTheMachineIsRefusedBeforeTheRun() {
        TrainInputs inputs = new TrainInputs(dir);
        String m = inputs.rejected(inputs.config(), inputs.data(), "--set", "train.rows=10000000");
        assertTrue(m.startsWith("train.rows = 10000000 × train.seq_len = 64: one training step needs at least "), m);
    }

    @Test
    void aCheckpointLeftUnderItsHiddenNameIsRestoredOnResume() throws IOException {
        TrainInputs inputs = new TrainInputs(dir);
        Path straight = dir.resolve("straight");
        inputs.train(straight).succeeded();
        Path run = inputs.run();
        inputs.train(run, "--set", "train.steps=10").succeeded();
        // A kill between the two renames of a checkpoint swap leaves only the hidden copies:
        Files.move(run.resolve("checkpoint"), run.resolve(".checkpoint.old-1-2"));
        Files.createDirectory(run.resolve(".checkpoint.tmp-1-2"));
        inputs.train(run, "--resume", run.resolve("checkpoint")).succeeded();
        for (String f : List.of("model.safetensors", "checkpoint/optimizer.safetensors")) {
            assertEquals(OutputFiles.digest(straight.resolve(f)), OutputFiles.digest(run.resolve(f)), f);
        }
        assertFalse(Files.exists(run.resolve(".checkpoint.old-1-2")) || Files.exists(run.resolve(".checkpoint.tmp-1-2")),
                "stale copies removed once a newer checkpoint is in place");
    }
}
