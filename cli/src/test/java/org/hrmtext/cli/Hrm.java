package org.hrmtext.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.hrmtext.cli.wiring.Composition;

/**
 * Test support for every module (the {@code hrm-cli} test-jar): runs {@code hrm ARGS} in this JVM
 * as {@code bin/hrm} would, with the injector of {@link Composition} (the backends installed on
 * the test class path) or a given one, and captures its exit code, stdout and stderr. Arguments may be paths or numbers, passed as strings; an
 * {@code Object[]} argument stands for its elements (extra options of a helper's caller).
 */
public final class Hrm {
    /** Exit code of a user error (options, files, configs). */
    public static final int BAD_INPUT = 2;
    /** Exit code of a training run stopped by the NaN/Inf guard. */
    public static final int DIVERGED = 3;

    private static final Injector INJECTOR = Composition.injector();

    private Hrm() {
    }

    /** What one command printed and returned. */
    public record Result(int exitCode, String out, String err) {

        /** The stderr lines (a progress line, an error line, ...). */
        public List<String> errLines() {
            return err.lines().toList();
        }

        /**
         * Asserts that the command failed with {@code exitCode}, that the last stderr line is the
         * only error line, {@code hrm COMMAND: error: MESSAGE}, and returns MESSAGE.
         */
        public String failure(int expectedExit, String command) {
            assertEquals(expectedExit, exitCode, "exit code; stderr: " + err);
            String prefix = "hrm " + command + ": error: ";
            List<String> errors = errLines().stream().filter(l -> l.contains(": error: ")).toList();
            assertEquals(1, errors.size(), "one error line expected, stderr: " + err);
            String line = errLines().get(errLines().size() - 1);
            assertTrue(line.startsWith(prefix), "stderr: " + err);
            return line.substring(prefix.length());
        }

        /** The one error line of a failed command, whatever the command. */
        public String error() {
            List<String> errors = errLines().stream().filter(l -> l.contains(": error: ")).toList();
            assertEquals(1, errors.size(), "one error line expected, stderr: " + err);
            return errors.get(0);
        }

        /** Asserts exit code 0, showing stderr otherwise. */
        public Result succeeded() {
            assertEquals(0, exitCode, "exit code; stderr: " + err);
            return this;
        }
    }

    public static Result run(Object... args) {
        return run(INJECTOR, args);
    }

    /** Runs with the backends and use cases of {@code injector} (e.g. one without backends). */
    public static Result run(Injector injector, Object... args) {
        String[] argv = Arrays.stream(args).flatMap(a -> a instanceof Object[] more ? Arrays.stream(more) : Stream.of(a))
                .map(String::valueOf).toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = HrmCommand.execute(injector, argv);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
