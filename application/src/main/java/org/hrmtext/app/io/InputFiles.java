package org.hrmtext.app.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.data.Utf8Lines;

/**
 * Record inputs read in this process: a JSONL file, a Parquet file ({@link ParquetTables}), or a
 * directory of such part files (as Spark and Hadoop jobs write them), read in the order of their
 * names; names starting with {@code _} or {@code .} ({@code _SUCCESS}, checksums) are not parts.
 */
public final class InputFiles {
    /** The file name ending of Parquet parts. */
    public static final String PARQUET = ".parquet";

    private InputFiles() {
    }

    /** Whether {@code name} (a file name) is a part file of an input directory. */
    public static boolean isPart(String name) {
        return !name.startsWith("_") && !name.startsWith(".");
    }

    /** Whether {@code name} names a Parquet file. */
    public static boolean isParquet(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(PARQUET);
    }

    /** The input's files: the file itself, or a directory's part files sorted by name (none is an error). */
    public static List<Path> parts(Path input) {
        if (!Files.exists(input)) {
            throw new InvalidInputException(input + ": file not found");
        }
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> s = Files.list(input)) {
            List<Path> parts = s.filter(p -> Files.isRegularFile(p) && isPart(p.getFileName().toString())).sorted().toList();
            if (parts.isEmpty()) {
                throw new InvalidInputException(input + ": a directory without part files (JSONL or Parquet)");
            }
            return parts;
        } catch (IOException e) {
            throw new InvalidInputException(input + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Every non-blank line (JSONL) or row (Parquet) of the input, in order. */
    public static List<InputLine> read(Path input) {
        boolean directory = Files.isDirectory(input);
        List<InputLine> out = new ArrayList<>();
        for (Path file : parts(input)) {
            String part = directory ? file.getFileName().toString() : "";
            if (isParquet(file.getFileName().toString())) {
                out.addAll(ParquetTables.installed(file.toString()).read(file, part));
            } else {
                Utf8Lines.read(file, (n, text) -> out.add(text.isRight() ? InputLine.of(file.toString(), part, n, text.get())
                        : new InputLine(file.toString(), part, n, null, text.getLeft())));
            }
        }
        return out;
    }
}
