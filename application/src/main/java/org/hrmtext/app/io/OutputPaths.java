package org.hrmtext.app.io;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.hrmtext.domain.InvalidInputException;

/**
 * Refuses an output path that cannot be written without destroying something: a file where a
 * folder is to be written (it would be moved aside and deleted), a folder where a file is to be
 * written, or a path below an existing file. Checked before anything is written.
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

    private static void requireFolderParents(Path target, Path abs) {
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new InvalidInputException(target + ": " + p + " is a file, so nothing can be written below it");
            }
        }
    }
}
