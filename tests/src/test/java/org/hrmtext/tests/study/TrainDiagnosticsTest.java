package org.hrmtext.tests.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.cli.HrmCommand;
import org.hrmtext.cli.wiring.Composition;
import org.hrmtext.formats.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrm train --diagnostics --credit H1L2}: every metrics line carries the gradient statistics
 * of its step, overall and per trained group, with the fixed credit pattern's backward depth.
 */
class TrainDiagnosticsTest {

    @Test
    void metricsLinesCarryGradientStatistics(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, "model:\n  preset: tiny\ntrain:\n  steps: 4\n  seq_len: 32\n  rows: 2\n  log_every: 2\n"
                + "backend:\n  threads: 1\n", StandardCharsets.UTF_8);
        Path data = dir.resolve("data.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            lines.add("{\"instruction_ids\":[1,4," + (10 + i % 10) + "," + (10 + (i * 3) % 10) + ",2],\"response_ids\":["
                    + (10 + (i * 3) % 10) + "," + (10 + i % 10) + ",3]}");
        }
        Files.write(data, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("run");
        int code = HrmCommand.execute(Composition.injector(), "train", "--config", config.toString(), "--data", data.toString(),
                "--out", out.toString(), "--credit", "H1L2", "--diagnostics");
        assertEquals(0, code, "exit code");
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
        assertEquals(2, metrics.size(), "a line every 2 of 4 steps");
        for (String line : metrics) {
            Map<String, Object> m = Json.parseObject(line);
            assertEquals(3, ((Number) m.get("bp_steps")).intValue(), "H1L2 = 3 gradient-carrying calls");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> g = (Map<String, Map<String, Object>>) (Map<String, ?>) m.get("gradients");
            assertEquals(List.of("all", "H", "L", "head"), List.copyOf(g.keySet()), "H1L2 leaves the embedding untrained");
            Map<String, Object> all = g.get("all");
            double median = num(all, "median_abs");
            assertTrue(median > 0 && median <= num(all, "p95_abs") && num(all, "p95_abs") <= num(all, "p99_abs")
                    && num(all, "p99_abs") <= num(all, "max_abs"), "ordered: " + all);
            assertEquals(num(m, "grad_norm"), num(all, "norm"), 1e-4 * num(m, "grad_norm"), "global norm");
            assertEquals(num(all, "p99_abs") / median, num(all, "tail_to_median"), 1e-9, "tail-to-median");
        }
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
