package org.hrmtext.app.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.app.io.RunDirectory;
import org.hrmtext.domain.InvalidInputException;

/**
 * The file {@value #FILE} that only a quickstart writes, first, into its run directory: one line
 * {@code hrm quickstart run <uuid>}. A later quickstart into the same directory recognises its
 * own earlier run by this marker alone and removes only the entries a quickstart writes
 * ({@link #WRITTEN}); anything else in the directory stays. A non-empty directory without the
 * marker is refused.
 */
final class QuickstartMarker {
    static final String FILE = ".hrm-quickstart";
    /** The run's training config, rewritten with every setting the run used. */
    static final String CONFIG = "quickstart.yaml";
    /** Everything a quickstart writes into its run directory. */
    static final Set<String> WRITTEN = Set.of(FILE, CONFIG, "data", "model", "heldout-results.jsonl",
            QuickstartUseCase.REPORT, "training_curve.png");
    private static final Pattern CONTENT = Pattern.compile("hrm quickstart run [0-9a-f-]{36}\\s*");

    private QuickstartMarker() {
    }

    /** Empties a claimed directory of an earlier quickstart run, or refuses it when it holds anything else's. */
    static void clear(RunDirectory dir) {
        List<Path> entries = dir.entries();
        if (entries.isEmpty()) {
            return;
        }
        Path marker = dir.path().resolve(FILE);
        if (!isMarker(marker)) {
            throw new InvalidInputException("--out " + dir.path() + " is not empty and holds no earlier quickstart run (no "
                    + FILE + " marker); choose another --out");
        }
        for (Path p : entries) {
            if (WRITTEN.contains(p.getFileName().toString()) && !p.getFileName().toString().equals(FILE)) {
                if (Files.isDirectory(p)) {
                    AtomicDirectory.deleteTreeQuietly(p);
                } else {
                    delete(p);
                }
            }
        }
        delete(marker);
    }

    /** Writes a new marker with a fresh run id and returns the id. */
    static String write(Path dir) {
        String id = UUID.randomUUID().toString();
        AtomicFiles.writeString(dir.resolve(FILE), "hrm quickstart run " + id + "\n");
        return id;
    }

    private static boolean isMarker(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) < 100
                    && CONTENT.matcher(Files.readString(file, StandardCharsets.UTF_8)).matches();
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p + " of the earlier quickstart run: " + e.getMessage(), e);
        }
    }
}
