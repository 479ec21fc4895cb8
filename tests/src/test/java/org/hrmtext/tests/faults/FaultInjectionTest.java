package org.hrmtext.tests.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hrmtext.cli.Hrm;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.tests.cli.TrainInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of the corpus ({@link ModelFileFaults}, {@link ConfigFaults}, {@link DataFaults},
 * {@link ParameterFaults}) through {@code hrm} in this JVM, each in a fresh copy of the shared
 * fixtures, and asserts: the documented exit code; exactly one stderr line
 * {@code hrm COMMAND: error: MESSAGE} containing the expected parts; no stack trace; and every file
 * and folder of the case's workspace, the user's file in the output folder included, exactly as it
 * was (nothing written, changed or removed). Writes the acceptance table to
 * {@code target/faults/summary.md}.
 */
class FaultInjectionTest {
    @TempDir
    static Path dir;

    private static Path base;
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final FaultTally TALLY = new FaultTally();

    static Stream<FaultCase> corpus() {
        List<FaultCase> all = new ArrayList<>();
        all.addAll(ModelFileFaults.cases());
        all.addAll(ConfigFaults.cases());
        all.addAll(DataFaults.cases());
        all.addAll(ParameterFaults.cases());
        return all.stream();
    }

    @BeforeAll
    static void writeFixtures() throws IOException {
        base = Files.createDirectories(dir.resolve("base"));
        GoldenCase golden = GoldenCase.load("golden/hrm");
        Path model = Files.createDirectories(base.resolve("model"));
        Files.copy(golden.dir().resolve("config.json"), model.resolve("config.json"));
        Files.copy(golden.dir().resolve("model.safetensors"), model.resolve("model.safetensors"));
        Files.copy(golden.dir().resolve("batch.json"), base.resolve("batch.json"));
        Files.writeString(base.resolve("tiny.yaml"), Workspace.YAML);
        Files.writeString(base.resolve("ids.jsonl"), TrainInputs.reverseTask(64, 1234));
        Path text = Files.writeString(base.resolve("text.jsonl"), textPairs());
        Hrm.run("prepare", "--input", text, "--out", base.resolve("v1"), "--format", "v1", "--epochs", 1).succeeded();
        Path run = base.resolve("textrun");
        Hrm.run("train", "--config", base.resolve("tiny.yaml"), "--data", text, "--out", run).succeeded();
        Path textModel = Files.createDirectories(base.resolve(Workspace.TEXT_MODEL));
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json") && !name.startsWith("metrics") || name.equals("model.safetensors")) {
                    Files.copy(f, textModel.resolve(name));
                }
            }
        }
        Files.createDirectories(base.resolve("out"));
        Files.writeString(base.resolve("out").resolve("user-notes.txt"), "the user's own notes; no tool may touch them\n");
    }

    @AfterAll
    static void writeTable() throws IOException {
        TALLY.write(Path.of("target", "faults", "summary.md"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedClearlyAndNothingWritten(FaultCase c) throws IOException {
        Workspace w = new Workspace(base, dir.resolve("case-" + NEXT.incrementAndGet()));
        Object[] args = c.setup().apply(w);
        Map<String, String> before = w.snapshot();
        Hrm.Result r = Hrm.run(args);
        Map<String, String> after = w.snapshot();
        String prefix = c.command().isEmpty() ? "hrm: error: " : "hrm " + c.command() + ": error: ";
        List<String> errorLines = r.errLines().stream().filter(l -> l.contains(": error: ")).toList();
        String message = errorLines.isEmpty() ? "(exit " + r.exitCode() + ", no error line) " + r.err().strip()
                : errorLines.get(errorLines.size() - 1);
        boolean trace = r.err().lines().anyMatch(l -> l.matches("\\s+at [\\w.$]+\\(.*") || l.startsWith("Caused by:")
                || l.contains("Exception in thread"));
        List<String> expected = c.expectedIn(w);
        boolean contents = expected.stream().allMatch(e -> e.startsWith("!") ? !message.contains(e.substring(1)) : message.contains(e));
        boolean clear = r.exitCode() == c.exit() && errorLines.size() == 1 && message.startsWith(prefix) && !trace && contents;
        boolean lost = !before.equals(after);
        TALLY.add(new FaultTally.Outcome(c.group(), c.name(), clear, lost, message));
        assertAll(
                () -> assertEquals(c.exit(), r.exitCode(), "exit code; stderr: " + r.err()),
                () -> assertEquals(1, errorLines.size(), "one error line; stderr: " + r.err()),
                () -> assertTrue(message.startsWith(prefix), "prefix " + prefix + "; stderr: " + r.err()),
                () -> assertTrue(!trace, "stack trace on stderr: " + r.err()),
                () -> assertTrue(contents, "expected " + expected + " (! = absent) in: " + message),
                () -> assertEquals(before, after, "files written, changed or removed"));
    }


    private static String textPairs() {
        String[] words = {"red", "green", "blue", "gold"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String a = words[i % words.length];
            String b = words[(i + 1) % words.length];
            sb.append("{\"instruction\": \"").append(a).append(' ').append(b).append("\", \"response\": \"").append(b)
                    .append(' ').append(a).append("\", \"condition\": \"direct\"}\n");
        }
        return sb.toString();
    }
}
