package org.hrmtext.app.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.ports.MetricsSink;

/**
 * Writes each metrics record as one compact JSON line ({@code metrics.jsonl}), flushed at once so
 * that a crashed run keeps every line it logged. A fresh run starts the file anew; a resumed run
 * ({@link #continuing}) first drops the lines a killed run logged after the step it resumes from
 * (and a last line cut short by the kill), then appends, so each step is logged once.
 */
public final class JsonlMetricsSink implements MetricsSink {
    private final Path file;
    private final BufferedWriter out;

    public JsonlMetricsSink(Path file, boolean append) {
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** A sink that appends to {@code file} after the lines of steps up to {@code step}, dropping later and partial lines. */
    public static JsonlMetricsSink continuing(Path file, long step) {
        if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n') + 1; // a line without its newline was cut short
                for (String line : text.substring(0, end).split("\n")) {
                    if (!line.isBlank() && stepOf(line) <= step) {
                        kept.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
        return new JsonlMetricsSink(file, true);
    }

    private static long stepOf(String line) {
        try {
            return Json.parseObject(line).get("step") instanceof Long s ? s : Long.MAX_VALUE;
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void record(Map<String, Object> metrics) {
        try {
            out.write(JsonWriter.compact(metrics));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
