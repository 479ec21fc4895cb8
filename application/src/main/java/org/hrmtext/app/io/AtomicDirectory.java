package org.hrmtext.app.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replaces a whole directory at once, as a training checkpoint needs: the new content is written
 * into a hidden sibling {@code .NAME.tmp-*} and synced, then renamed to {@code .NAME.new-*} (so
 * complete); the old directory is moved aside to {@code .NAME.old-*}, the new one renamed into
 * place, and only then is the old one deleted, with any hidden leftovers of earlier interrupted
 * replacements. At no moment is a half-written directory under the target name, and a process
 * killed between the renames leaves a complete copy that {@link #recover} puts back.
 */
public final class AtomicDirectory {
    private static final String TMP = ".tmp-";
    private static final String NEW = ".new-";
    private static final String OLD = ".old-";

    private AtomicDirectory() {
    }

    /** Something that writes the complete content of a directory into the (empty) one it is given. */
    @FunctionalInterface
    public interface DirectoryFiller {
        void fill(Path dir) throws IOException;
    }

    public static void replace(Path target, DirectoryFiller filler) {
        OutputPaths.requireFolderTarget(target);
        Path abs = target.toAbsolutePath();
        String stamp = ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path tmp = abs.resolveSibling(prefix(abs, TMP) + stamp);
        Path fresh = abs.resolveSibling(prefix(abs, NEW) + stamp);
        Path old = abs.resolveSibling(prefix(abs, OLD) + stamp);
        try {
            Files.createDirectories(tmp);
            filler.fill(tmp);
            for (Path file : list(tmp)) {
                AtomicFiles.sync(file);
            }
            AtomicFiles.syncDirectory(tmp);
            Files.move(tmp, fresh, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(abs.getParent());
            boolean hadOld = Files.exists(abs);
            if (hadOld) {
                Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, abs, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(abs.getParent());
            if (hadOld) {
                deleteTree(old);
            }
            for (Path stale : leftovers(abs)) {
                deleteTreeQuietly(stale);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            deleteTreeQuietly(tmp);
        }
    }

    /**
     * Puts back a directory that a killed {@link #replace} left only under a hidden name: when
     * {@code target} is missing, the newest complete copy, {@code .NAME.new-*} (written in full
     * before the swap began) or else {@code .NAME.old-*} (the directory as it was before the swap),
     * is renamed to {@code target}. Returns whether it did.
     */
    public static boolean recover(Path target) {
        Path abs = target.toAbsolutePath();
        if (Files.exists(abs) || !Files.isDirectory(abs.getParent())) {
            return false;
        }
        try {
            for (String kind : List.of(NEW, OLD)) {
                Optional<Path> newest = siblings(abs, kind).stream()
                        .max(Comparator.comparing(AtomicDirectory::modified));
                if (newest.isPresent()) {
                    Files.move(newest.get(), abs, StandardCopyOption.ATOMIC_MOVE);
                    AtomicFiles.syncDirectory(abs.getParent());
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + target + " from its hidden copy: " + reason(e), e);
        }
    }

    /** Whether hidden copies of {@code target} left by an interrupted {@link #replace} exist beside it. */
    public static boolean hasLeftovers(Path target) {
        try {
            return !leftovers(target.toAbsolutePath()).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> leftovers(Path abs) throws IOException {
        List<Path> all = new ArrayList<>();
        for (String kind : List.of(TMP, NEW, OLD)) {
            all.addAll(siblings(abs, kind));
        }
        return all;
    }

    private static List<Path> siblings(Path abs, String kind) throws IOException {
        String prefix = prefix(abs, kind);
        try (Stream<Path> s = Files.list(abs.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).toList();
        }
    }

    private static String prefix(Path abs, String kind) {
        return "." + abs.getFileName() + kind;
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static String reason(IOException e) {
        return RunDirectory.reason(e);
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
