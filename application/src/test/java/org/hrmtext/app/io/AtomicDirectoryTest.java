package org.hrmtext.app.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {
    @TempDir
    Path dir;

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void replacesContentAndLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("ckpt");
        AtomicDirectory.replace(target, d -> Files.writeString(d.resolve("a"), "1"));
        AtomicDirectory.replace(target, d -> Files.writeString(d.resolve("b"), "2"));
        assertEquals("2", Files.readString(target.resolve("b")));
        assertEquals(false, Files.exists(target.resolve("a")));
        assertEquals(1, entries());
    }

    @Test
    void aFailedWriteKeepsTheOldDirectory() throws IOException {
        Path target = dir.resolve("ckpt");
        AtomicDirectory.replace(target, d -> Files.writeString(d.resolve("a"), "good"));
        assertThrows(UncheckedIOException.class, () -> AtomicDirectory.replace(target, d -> {
            Files.writeString(d.resolve("a"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("good", Files.readString(target.resolve("a")));
        assertEquals(1, entries());
    }

    @Test
    void atomicFileWriteLeavesOnlyTheTarget() throws IOException {
        Path f = dir.resolve("out.json");
        AtomicFiles.writeString(f, "{}");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(f, tmp -> {
            Files.writeString(tmp, "{");
            throw new IOException("boom");
        }));
        assertEquals("{}", Files.readString(f));
        assertEquals(1, entries());
    }
}
