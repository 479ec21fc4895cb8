package org.hrmtext.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Test support: the shared {@code local[2]} session of a test class and a byte-for-byte comparison
 * of two directory trees ({@code hrm ARGS} runs in this JVM through the command line's {@code Hrm}).
 */
final class Cli {
    private Cli() {
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
