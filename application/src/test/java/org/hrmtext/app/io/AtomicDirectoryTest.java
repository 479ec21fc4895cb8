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

    @Test
    void aKillBetweenTheRenamesLeavesACopyThatIsRestored() throws IOException {
        Path target = dir.resolve("checkpoint");
        AtomicDirectory.replace(target, d -> Files.writeString(d.resolve("step"), "5"));
        // As a kill after "target -> .old" and before ".new -> target" leaves it:
        Files.move(target, dir.resolve(".checkpoint.old-1-2"));
        Path fresh = Files.createDirectory(dir.resolve(".checkpoint.new-1-2"));
        Files.writeString(fresh.resolve("step"), "10");
        assertEquals(true, AtomicDirectory.recover(target));
        assertEquals("10", Files.readString(target.resolve("step")));
        assertEquals(false, AtomicDirectory.recover(target));
        Files.createDirectory(dir.resolve(".checkpoint.tmp-3-4"));
        AtomicDirectory.replace(target, d -> Files.writeString(d.resolve("step"), "15"));
        assertEquals("15", Files.readString(target.resolve("step")));
        assertEquals(1, entries(), "stale hidden copies are removed once a newer checkpoint is in place");
    }

    @Test
    void withoutANewCopyTheOldOneIsRestored() throws IOException {
        Path target = dir.resolve("checkpoint");
        AtomicDirectory.replace(target, d -> Files.writeString(d.resolve("step"), "5"));
        Files.move(target, dir.resolve(".checkpoint.old-1-2"));
        Files.createDirectory(dir.resolve(".checkpoint.tmp-1-2"));
        assertEquals(true, AtomicDirectory.hasLeftovers(target));
        assertEquals(true, AtomicDirectory.recover(target));
        assertEquals("5", Files.readString(target.resolve("step")));
    }

    @Test
    void nothingToRecoverIsNoChange() throws IOException {
        assertEquals(false, AtomicDirectory.recover(dir.resolve("checkpoint")));
        assertEquals(0, entries());
    }
}
