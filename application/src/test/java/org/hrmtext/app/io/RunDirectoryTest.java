package org.hrmtext.app.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aSecondClaimIsRefusedNamingTheHolder() {
        Path out = dir.resolve("run");
        try (RunDirectory first = RunDirectory.claim(out, "--out")) {
            assertEquals(ProcessHandle.current().pid() + "", read(out.resolve(RunDirectory.LOCK)).trim());
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunDirectory.claim(out, "--out"));
            assertEquals("--out " + out + ": in use by another hrm process (pid " + ProcessHandle.current().pid()
                    + "); wait for it to finish or choose another --out", e.getMessage());
        }
        RunDirectory.claim(out, "--out").close();
    }

    @Test
    void aClaimThatWroteNothingLeavesNoDirectory() {
        Path out = dir.resolve("a/b");
        RunDirectory.claim(out, "--out").close();
        assertFalse(Files.exists(out));
    }

    @Test
    void whatWasWrittenStaysAndTheLockFileGoes() throws IOException {
        Path out = dir.resolve("run");
        try (RunDirectory run = RunDirectory.claim(out, "--out")) {
            Files.writeString(out.resolve("metrics.jsonl"), "{}\n");
            assertEquals(List.of(out.resolve("metrics.jsonl")), run.entries());
        }
        assertEquals(List.of("metrics.jsonl"), names(out));
    }

    @Test
    void aDirectoryThatExistedStaysEvenWhenEmpty() throws IOException {
        Path out = Files.createDirectory(dir.resolve("run"));
        RunDirectory.claim(out, "--out").close();
        assertTrue(Files.isDirectory(out));
        assertEquals(List.of(), names(out));
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertEquals("--out " + file + ": is a file, expected a directory",
                assertThrows(InvalidInputException.class, () -> RunDirectory.claim(file, "--out")).getMessage());
        assertEquals("--out " + file.resolve("x") + ": cannot create it: Not a directory (" + file.toAbsolutePath() + " is a file)",
                assertThrows(InvalidInputException.class, () -> RunDirectory.claim(file.resolve("x"), "--out")).getMessage());
        assertEquals("x", read(file));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> names(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
