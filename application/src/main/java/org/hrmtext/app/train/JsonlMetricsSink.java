package org.hrmtext.app.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.hrmtext.domain.json.JsonWriter;
import org.hrmtext.ports.MetricsSink;

/**
 * Writes each metrics record as one compact JSON line ({@code metrics.jsonl}), flushed at once so
 * that a crashed run keeps every line it logged. A fresh run starts the file anew; a resumed run
 * appends to it.
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
