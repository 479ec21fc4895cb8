package org.hrmtext.app.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the complete new one: the bytes go
 * to a hidden sibling temporary file, which is flushed to disk and then renamed over the target.
 *
 * <pre>{@code
 * AtomicFiles.writeString(out.resolve("score.json"), json);
 * AtomicFiles.write(file, tmp -> SafetensorsWriter.write(tmp, tensors, metadata));
 * }</pre>
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a complete file at the path it is given. */
    @FunctionalInterface
    public interface FileFiller {
        void fill(Path file) throws IOException;
    }

    public static void writeString(Path target, String text) {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** Fills a temporary sibling of {@code target}, syncs it and renames it over {@code target}. */
    public static void write(Path target, FileFiller filler) {
        OutputPaths.requireFileTarget(target);
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(abs.getParent());
            filler.fill(tmp);
            sync(tmp);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(abs.getParent());
            removeStaleTemporaries(abs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Flushes a file's content to the storage device. */
    public static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Flushes a directory entry list (renames in it) where the platform allows it. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }

    /**
     * Removes the temporary siblings of {@code target} that a killed writer left behind: named by a
     * process id that is no longer running (a live writer's file is never touched). Called once a
     * newer {@code target} is safely in place.
     */
    static void removeStaleTemporaries(Path target) {
        String prefix = "." + target.getFileName() + ".tmp-";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(), prefix + "*")) {
            for (Path p : siblings) {
                String pid = p.getFileName().toString().substring(prefix.length());
                if (pid.matches("\\d{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            // Listing the folder failed: a leftover stays hidden and does no harm.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The temporary file is hidden and named by process id; a leftover is removed by the next write.
        }
    }
}
