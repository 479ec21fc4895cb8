package org.hrmtext.app.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replaces a whole directory at once, as a training checkpoint needs: the new content is written
 * into a hidden sibling directory and synced; the old directory is moved aside, the new one
 * renamed into place, and only then is the old one deleted. At no moment is a half-written
 * directory under the target name.
 */
public final class AtomicDirectory {
    private AtomicDirectory() {
    }

    /** Something that writes the complete content of a directory into the (empty) one it is given. */
    @FunctionalInterface
    public interface DirectoryFiller {
        void fill(Path dir) throws IOException;
    }

    public static void replace(Path target, DirectoryFiller filler) {
        Path abs = target.toAbsolutePath();
        String stamp = ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + stamp);
        Path old = abs.resolveSibling("." + abs.getFileName() + ".old-" + stamp);
        try {
            Files.createDirectories(tmp);
            filler.fill(tmp);
            for (Path file : list(tmp)) {
                AtomicFiles.sync(file);
            }
            AtomicFiles.syncDirectory(tmp);
            boolean hadOld = Files.exists(abs);
            if (hadOld) {
                Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(abs.getParent());
            if (hadOld) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTreeQuietly(tmp);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Deletes a directory tree if it exists, leaving what cannot be deleted (for temporary directories). */
    public static void deleteTreeQuietly(Path dir) {
        if (Files.exists(dir)) {
            try {
                deleteTree(dir);
            } catch (IOException e) {
                // A hidden, uniquely named leftover does no harm to the target.
            }
        }
    }
}
