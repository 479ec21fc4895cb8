package org.hrmtext.app.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.JsonWriter;

/** How per-item results are written: one JSON object a line, or one Parquet table with a column per key. */
public enum ResultFormat {
    JSONL(".jsonl"), PARQUET(InputFiles.PARQUET);

    private final String extension;

    ResultFormat(String extension) {
        this.extension = extension;
    }

    /** The file name ending, e.g. {@code .parquet}. */
    public String extension() {
        return extension;
    }

    /** {@code --output-format} if given ({@code jsonl|parquet}), else by {@code file}'s ending, else JSONL. */
    public static ResultFormat of(String option, Path file) {
        if (option != null && !option.isBlank()) {
            try {
                return valueOf(option.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--output-format " + option + ": expected jsonl or parquet");
            }
        }
        return file != null && InputFiles.isParquet(file.getFileName().toString()) ? PARQUET : JSONL;
    }

    /** Writes the rows to {@code file} in this format (the caller makes it appear at once). */
    public void write(Path file, List<Map<String, Object>> rows) throws java.io.IOException {
        if (this == PARQUET) {
            ParquetTables.installed("--output-format parquet").write(file, rows);
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : rows) {
            sb.append(JsonWriter.compact(r)).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
