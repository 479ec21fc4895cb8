package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine} without the engine's libraries: this class path has the Spark engine module but
 * not Spark itself, so {@code --engine spark} is a one-line error saying how to run it; an
 * unknown engine lists the installed ones. Nothing is written either way.
 */
class EngineChoiceTest {
    @TempDir
    Path dir;

    @Test
    void sparkWithoutSparkOnTheClassPathSaysHowToRunIt() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"instruction\": \"a\", \"response\": \"b\"}\n");
        String message = Hrm.run("prepare", "--input", input, "--out", dir.resolve("out"), "--engine", "spark")
                .failure(Hrm.BAD_INPUT, "prepare");
        assertTrue(message.startsWith("--engine spark: its libraries are not on the class path") && message.contains("README"),
                message);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void anUnknownEngineListsTheInstalledOnes() throws IOException {
        Path items = Files.writeString(dir.resolve("items.jsonl"), "{\"instruction\": \"a\", \"response\": \"b\"}\n");
        String message = Hrm.run("eval", "--model", dir, "--data", items, "--engine", "flink").failure(Hrm.BAD_INPUT, "eval");
        assertTrue(message.startsWith("--engine flink: not installed; installed: local, spark"), message);
    }
}
