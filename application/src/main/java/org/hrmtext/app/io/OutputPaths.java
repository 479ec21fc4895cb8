package org.hrmtext.app.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.hrmtext.domain.InvalidInputException;

/**
 * Refuses an output path that cannot be written without destroying something: a file where a
 * folder is to be written (it would be moved aside and deleted), a folder where a file is to be
 * written, a path below an existing file, or (for explicit output files) a file the user made.
 * Checked before anything is written.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** {@code target} may become a folder: it is missing or a folder, and no parent of it is a file. */
    public static void requireFolderTarget(Path target) {
        Path abs = target.toAbsolutePath();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(abs)) {
            throw new InvalidInputException(target + ": is a file, expected a folder (hrm never replaces a file it did not "
                    + "write; choose a new or empty folder)");
        }
        requireFolderParents(target, abs);
    }

    /** {@code target} may become a file: it is missing or a file, and no parent of it is a file. */
    public static void requireFileTarget(Path target) {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new InvalidInputException(target + ": is a folder, expected a file path (e.g. " + target.resolve("out")
                    + ")");
        }
        requireFolderParents(target, abs);
    }

    /**
     * {@code target} may be replaced by a file of {@code what}: it is missing, or an existing file
     * that {@code ours} recognises as one hrm wrote (an earlier run's output); anything else at that
     * path is the user's and is refused, naming {@code option}.
     */
    public static void requireOwnFile(Path target, String option, String what, Predicate<Path> ours) {
        requireFileTarget(target);
        if (Files.isRegularFile(target) && !recognised(target, ours)) {
            throw new InvalidInputException(option + " " + target + ": exists and is not " + what + " that hrm wrote; hrm "
                    + "never overwrites a file it did not write (remove it or choose another path)");
        }
    }

    /** The first line of a text file (at most 1 MiB is read), for recognising an earlier output. */
    public static String firstLine(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            int end = head.indexOf('\n');
            return end < 0 ? head : head.substring(0, end);
        }
    }

    private static boolean recognised(Path target, Predicate<Path> ours) {
        try {
            return ours.test(target);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void requireFolderParents(Path target, Path abs) {
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new InvalidInputException(target + ": " + p + " is a file, so nothing can be written below it");
            }
        }
    }
}
