package org.hrmtext.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.hrmtext.cli.HrmCommand;
import org.hrmtext.cli.wiring.Composition;

/**
 * Test support: runs {@code hrm ARGS} in this JVM (the Spark engine on the test class path), the
 * shared {@code local[2]} session of a test class, and a byte-for-byte comparison of two directory trees.
 */
final class Cli {
    private static final Injector INJECTOR = Composition.injector();

    private Cli() {
    }

    record Result(int exitCode, String out, String err) {
        Result succeeded() {
            assertEquals(0, exitCode, "exit code; stderr: " + err);
            return this;
        }

        /** The one-line error of a failed command. */
        String error() {
            List<String> errors = err.lines().filter(l -> l.contains(": error: ")).toList();
            assertEquals(1, errors.size(), "one error line expected, stderr: " + err);
            return errors.get(0);
        }
    }

    static Result hrm(Object... args) {
        String[] argv = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = HrmCommand.execute(INJECTOR, argv);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A {@code local[2]} session with task retries ({@code local[2,2]}: a task may fail once) for one test class; the engine joins it and leaves it running. */
    static SparkSession startSpark() {
        return SparkSession.builder().master("local[2,2]").appName("hrm-test").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    /** The relative paths of the files under {@code dir}, sorted. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Asserts that two directories hold the same files with the same bytes. */
    static void assertSameTree(Path expected, Path actual, String what) throws IOException {
        assertEquals(files(expected), files(actual), what + ": file list");
        for (String f : files(expected)) {
            if (!Arrays.equals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)))) {
                throw new AssertionError(what + ": " + f + " differs:\n" + Files.readString(expected.resolve(f),
                        StandardCharsets.ISO_8859_1).lines().limit(40).toList() + "\nvs\n"
                        + Files.readString(actual.resolve(f), StandardCharsets.ISO_8859_1).lines().limit(40).toList());
            }
        }
    }
}
