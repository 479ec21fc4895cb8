package org.hrmtext.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlMetricsSinkTest {
    @Test
    void aResumedRunDropsWhatTheKilledRunLoggedAfterItsCheckpoint(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, "{\"step\":1,\"loss\":3.0}\n{\"step\":2,\"loss\":2.5}\n{\"step\":3,\"loss\":2.0}\n{\"step\":4,\"lo");
        try (JsonlMetricsSink sink = JsonlMetricsSink.continuing(file, 2)) {
            sink.record(Map.of("step", 3L));
        }
        assertEquals("{\"step\":1,\"loss\":3.0}\n{\"step\":2,\"loss\":2.5}\n{\"step\":3}\n", Files.readString(file));
    }

    @Test
    void aResumedRunWithoutMetricsStartsTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (JsonlMetricsSink sink = JsonlMetricsSink.continuing(file, 7)) {
            sink.record(Map.of("step", 8L));
        }
        assertEquals("{\"step\":8}\n", Files.readString(file));
    }
}
