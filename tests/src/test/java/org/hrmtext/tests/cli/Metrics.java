package org.hrmtext.tests.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.formats.json.Json;

/** The records of a run's {@code metrics.jsonl}, one JSON object a logged step. */
final class Metrics {
    static final String FILE = "metrics.jsonl";

    private Metrics() {
    }

    static List<Map<String, Object>> of(Path runDir) {
        try {
            return Files.readAllLines(runDir.resolve(FILE), StandardCharsets.UTF_8).stream().map(Json::parseObject).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One numeric field of every record, in file order. */
    static List<Double> column(Path runDir, String key) {
        return of(runDir).stream().map(m -> ((Number) m.get(key)).doubleValue()).toList();
    }
}
