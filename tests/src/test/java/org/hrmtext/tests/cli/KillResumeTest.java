package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hrmtext.cli.Hrm;
import org.hrmtext.cli.HrmCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact resume after a real crash: {@code hrm train --deterministic} runs in a child JVM (the
 * test class path, {@link HrmCommand}'s main) and is killed with SIGKILL ({@link Process#destroyForcibly})
 * at a random moment: after a random number of logged steps plus a random delay, so kills land
 * between steps, inside a step and inside a checkpoint save. The run is then continued with
 * {@code --resume DIR/checkpoint} (or, when no checkpoint was written yet, started again with
 * {@code --overwrite}) and must end bit-identical to one uninterrupted run: every metrics line's
 * loss, gradient norm and accuracy, each step logged exactly once, and the same bytes in the final
 * model, EMA and checkpoint files; no hidden checkpoint copy and no lock file stay behind. Three
 * kills in the default run (the {@code tiny} preset, 20 steps), twenty in the slow tier.
 */
class KillResumeTest {
    private static final List<String> COMPARED = List.of("model.safetensors", "model_ema.safetensors", "config.json",
            "checkpoint/model.safetensors", "checkpoint/model_ema.safetensors", "checkpoint/optimizer.safetensors",
            "checkpoint/trainer_state.json");

    @Test
    void threeKillsResumeBitExactly(@TempDir Path dir) throws Exception {
        assertEquals(3, killAndResume(dir, 3, new SplittableRandom()));
    }

    @Test
    @Tag("slow")
    void twentyKillsResumeBitExactly(@TempDir Path dir) throws Exception {
        assertEquals(20, killAndResume(dir, 20, new SplittableRandom()));
    }

    /** Runs {@code kills} kill-and-resume rounds against one straight run; returns how many kills hit a live run. */
    private static int killAndResume(Path dir, int kills, SplittableRandom random) throws Exception {
        TrainInputs inputs = new TrainInputs(dir);
        Path straight = dir.resolve("straight");
        inputs.train(straight, "--deterministic").succeeded();
        int hit = 0;
        // A moment late in the run may come after a fast machine has finished it: that round kills nothing and
        // another moment is drawn; the test still needs `kills` kills that hit a live run.
        for (int round = 0; hit < kills && round < 4 * kills; round++) {
            Path run = dir.resolve("killed-" + round);
            int afterSteps = random.nextInt(0, 18);
            long delayMs = random.nextLong(0, 400);
            String when = "round " + round + ": killed after " + afterSteps + " logged steps + " + delayMs + " ms";
            if (!killDuring(inputs, run, afterSteps, delayMs)) {
                continue;
            }
            hit++;
            // A complete checkpoint is there, or a complete hidden copy of one (.new-/.old-) that resume restores;
            // a kill during the first save leaves only an incomplete .tmp- copy, and the run starts over.
            boolean checkpointed = Files.exists(run.resolve("checkpoint")) || hiddenCopies(run).stream()
                    .anyMatch(n -> n.startsWith(".checkpoint.new-") || n.startsWith(".checkpoint.old-"));
            Hrm.Result resumed = checkpointed
                    ? inputs.train(run, "--deterministic", "--resume", run.resolve("checkpoint"))
                    : inputs.train(run, "--deterministic", "--overwrite");
            resumed.succeeded();
            assertSameRun(straight, run, when);
        }
        return hit;
    }

    /** Starts {@code hrm train} in a child JVM and kills it; false when it finished first. */
    private static boolean killDuring(TrainInputs inputs, Path out, int afterSteps, long delayMs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-XX:+UseSerialGC", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                HrmCommand.class.getName(), "train", "--config", inputs.config().toString(), "--data", inputs.data().toString(),
                "--out", out.toString(), "--deterministic"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (loggedSteps(out) < afterSteps && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(delayMs);
            boolean alive = p.isAlive();
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            return alive && p.exitValue() != 0;
        } finally {
            p.destroyForcibly();
        }
    }

    private static long loggedSteps(Path out) {
        try (Stream<String> lines = Files.lines(out.resolve("metrics.jsonl"))) {
            return lines.count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static void assertSameRun(Path straight, Path run, String when) {
        assertEquals(IntStream.rangeClosed(1, 20).asDoubleStream().boxed().toList(), Metrics.column(run, "step"), when);
        for (String metric : List.of("loss", "grad_norm", "token_accuracy")) {
            assertEquals(Metrics.column(straight, metric), Metrics.column(run, metric), when + ": " + metric);
        }
        for (String f : COMPARED) {
            assertEquals(OutputFiles.digest(straight.resolve(f)), OutputFiles.digest(run.resolve(f)), when + ": " + f);
        }
        assertEquals(List.of(), hiddenCopies(run), when + ": hidden checkpoint copies left");
        assertFalse(Files.exists(run.resolve(".hrm.lock")), when + ": lock file left");
        Map<String, String> files = OutputFiles.digests(run);
        assertEquals(OutputFiles.digests(straight).keySet(), files.keySet(), when + ": files");
    }

    private static List<String> hiddenCopies(Path run) {
        if (!Files.isDirectory(run)) {
            return List.of(); // killed before the run made its folder
        }
        try (Stream<Path> s = Files.list(run)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".checkpoint.")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
