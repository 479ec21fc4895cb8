package org.hrmtext.lab.study.v2;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.hrmtext.formats.json.JsonWriter;

/**
 * The study's raw record file ({@code raw.jsonl}): one JSON object a line, flushed as it is
 * written, so that a run cut off at any moment leaves every finished record readable and the
 * report can be recomputed from it ({@code --report-from}). Records have {@code "kind"}
 * {@code "step"} (one training step) or {@code "grad"} (one grid cell's per-tensor gradient
 * L2 norms on one batch at one checkpoint).
 */
public final class RawLog implements AutoCloseable {
    public static final String FILE = "raw.jsonl";

    private final BufferedWriter out;

    private RawLog(BufferedWriter out) {
        this.out = out;
    }

    /** Creates {@code dir/raw.jsonl}; refuses to overwrite one it did not write now. */
    public static RawLog create(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            return new RawLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new org.hrmtext.domain.InvalidInputException(file + ": already exists; choose another --out or use --report-from");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one record and flushes it. */
    public synchronized void write(Map<String, Object> record) {
        try {
            out.write(JsonWriter.compact(record));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + FILE + ": " + e.getMessage(), e);
        }
    }
}
