package org.hrmtext.app.study.v2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.domain.InvalidInputException;

/** Writes {@code DIR/REPORT.md} from {@code DIR/raw.jsonl} (complete or cut off). */
public final class ProtocolReport {
    public static final String REPORT = "REPORT.md";

    private ProtocolReport() {
    }

    /** Reads the raw records of {@code dir}, writes the report and returns its path. */
    public static Path write(Path dir, double seconds) {
        Path raw = dir.resolve(RawLog.FILE);
        if (!Files.isRegularFile(raw)) {
            throw new InvalidInputException(raw + ": not found; expected the raw.jsonl of a protocol-v2 run");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + raw + ": " + e.getMessage(), e);
        }
        Path report = dir.resolve(REPORT);
        AtomicFiles.writeString(report, "# Gradient study, protocol v2\n\n" + lines.size() + " raw records; "
                + String.format(java.util.Locale.ROOT, "%.0f", seconds) + " s.\n");
        return report;
    }
}
