package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hrmtext.cli.Hrm;

/**
 * A tiny training setup in a temporary directory: {@code tiny.yaml} (the {@code tiny} preset,
 * rows of 64 tokens, one compute thread, a learning rate constant after its warmup and the
 * architecture's own credit assignment, so that no schedule depends on {@code train.steps}) and
 * {@code reverse.jsonl}, the reverse-a-digit-string task of {@code examples/make_reverse_task.py}
 * (1 = boq, 2 = eoq, 3 = eoa, 4 = direct, 10..19 = digits). Variants change one line.
 */
public final class TrainInputs {
    static final String CONFIG = """
            model:
              preset: tiny
            train:
              steps: 20
              seq_len: 64
              rows: 2
              seed: 0
              log_every: 1
              checkpoint_every: 5
              credit_warmup: false
            optimizer:
              lr: 3.0e-3
              warmup_steps: 4
              min_lr_ratio: 1.0
            backend:
              train: djl
              threads: 1
            """;
    private static final int SAMPLES = 256;

    private final Path dir;
    private final Path config;
    private final Path data;

    TrainInputs(Path dir) {
        this.dir = dir;
        this.config = write(dir.resolve("tiny.yaml"), CONFIG);
        this.data = write(dir.resolve("reverse.jsonl"), reverseTask(SAMPLES, 1234));
    }

    /** The default output directory of a run, {@code DIR/run} (not created here). */
    Path run() {
        return dir.resolve("run");
    }

    Path config() {
        return config;
    }

    Path data() {
        return data;
    }

    /** A config file like {@link #CONFIG} with the line {@code line} replaced. */
    Path configWith(String line, String replacement) {
        assertTrue(CONFIG.contains(line + "\n"), "no line \"" + line + "\" in the config");
        return write(dir.resolve("variant.yaml"), CONFIG.replace(line + "\n", replacement + "\n"));
    }

    /** A data file of the given lines. */
    Path dataOf(String... lines) {
        return write(dir.resolve("variant.jsonl"), String.join("\n", lines) + "\n");
    }

    /** {@code hrm train} on the inputs into {@code out}, with extra options. */
    Hrm.Result train(Path out, Object... extra) {
        return Hrm.run("train", "--config", config, "--data", data, "--out", out, extra);
    }

    /**
     * Runs {@code hrm train} on the given files, asserts a bad-input exit with one error line and
     * that the output directory was not created, and returns the message.
     */
    String rejected(Path configFile, Path dataFile, Object... extra) {
        Path out = run();
        String message = Hrm.run("train", "--config", configFile, "--data", dataFile, "--out", out, extra)
                .failure(Hrm.BAD_INPUT, "train");
        assertFalse(Files.exists(out), "output directory created: " + out);
        return message;
    }

    /** {@code samples} JSONL lines of the reverse task, deterministic in {@code seed}. */
    public static String reverseTask(int samples, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < samples; s++) {
            int[] digits = rng.ints(3 + rng.nextInt(8), 10, 20).toArray();
            String forward = IntStream.of(digits).mapToObj(Integer::toString).collect(Collectors.joining(","));
            String backward = IntStream.range(0, digits.length).mapToObj(i -> Integer.toString(digits[digits.length - 1 - i]))
                    .collect(Collectors.joining(","));
            sb.append("{\"instruction_ids\":[1,4,").append(forward).append(",2],\"response_ids\":[").append(backward)
                    .append(",3]}\n");
        }
        return sb.toString();
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
