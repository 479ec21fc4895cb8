package org.hrmtext.tests.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hrmtext.cli.HrmCommand;
import org.hrmtext.cli.wiring.Composition;
import org.hrmtext.formats.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrm study gradients --preset smoke} end to end on the DJL backend (well under two minutes
 * on 2 cores): every file is written, the CSV tables have their columns, the statistics are ordered
 * (median ≤ p95 ≤ p99 ≤ max), probabilities lie in [0, 1], the plots decode, and the report has
 * its sections with a verdict per finding. It checks structure and invariants, not conclusions.
 */
class GradientStudySmokeTest {
    private static final List<String> PLOTS = List.of("median_over_steps.png", "tail_to_median_over_steps.png",
            "dispersion_vs_depth.png", "paired_scatter.png", "effective_depth.png", "logit_lens_kl.png");

    @TempDir
    static Path dir;

    @BeforeAll
    static void runSmokeStudy() {
        int code = HrmCommand.execute(Composition.injector(), "study", "gradients", "--preset", "smoke", "--out",
                dir.toString(), "--threads", "2");
        assertEquals(0, code, "exit code");
    }

    @Test
    void everyTableIsWrittenAsJsonlAndCsv() throws IOException {
        for (String t : List.of("steps", "paired", "probe", "settings")) {
            List<Map<String, String>> csv = csv(t);
            List<String> jsonl = Files.readAllLines(dir.resolve(t + ".jsonl"), StandardCharsets.UTF_8);
            assertEquals(csv.size(), jsonl.size(), t + ": one JSON line per CSV row");
            assertTrue(!csv.isEmpty(), t + " is empty");
            jsonl.forEach(Json::parseObject);
        }
        assertEquals(4 * 10, csv("steps").size(), "2 archs × 2 depths × 10 steps");
        assertEquals(4 * 2 * 2, csv("paired").size(), "4 settings × 2 checkpoints × 2 held-out batches");
        assertEquals(4 * 8, csv("probe").size(), "4 settings × 8 module calls");
    }

    @Test
    void statisticsAreOrderedInEveryStepAndGroup() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Map<String, String> row : csv("steps")) {
            for (String g : List.of("all", "embedding", "H", "L", "head")) {
                if (row.get(g + "_median_abs").isEmpty()) {
                    assertTrue(!g.equals("all"), "overall statistics missing");
                    continue;
                }
                double median = num(row, g + "_median_abs");
                double p95 = num(row, g + "_p95_abs");
                double p99 = num(row, g + "_p99_abs");
                double max = num(row, g + "_max_abs");
                double zeros = num(row, g + "_zero_fraction");
                if (!(0 < median && median <= p95 && p95 <= p99 && p99 <= max && num(row, g + "_log_abs_std") >= 0
                        && zeros >= 0 && zeros < 1)) {
                    failures.add(row.get("arch") + " " + row.get("depth") + " step " + row.get("step") + " " + g);
                }
            }
            assertEquals(num(row, "grad_norm"), num(row, "all_norm"), 1e-4 * num(row, "grad_norm"), "global norm");
        }
        assertTrue(failures.isEmpty(), "unordered statistics: " + failures);
    }

    @Test
    void pairedAndProbeValuesAreInRange() throws IOException {
        for (Map<String, String> row : csv("settings")) {
            double p = num(row, "p_full_greater");
            assertTrue(p >= 0 && p <= 1, "P(full > truncated) = " + p);
            assertTrue(num(row, "p95_ratio") <= num(row, "max_ratio"), "p95 ratio above max");
        }
        for (Map<String, String> row : csv("paired")) {
            assertEquals(num(row, "full_norm") / num(row, "truncated_norm"), num(row, "ratio"), 1e-4 * num(row, "ratio"));
        }
        for (Map<String, String> row : csv("probe")) {
            assertTrue(num(row, "relative_change") >= 0 && Math.abs(num(row, "cosine")) <= 1 + 1e-5
                    && num(row, "logit_lens_kl") >= -1e-5, "probe row " + row);
        }
    }

    @Test
    void plotsDecodeAsImages() throws IOException {
        for (String p : PLOTS) {
            BufferedImage img = ImageIO.read(dir.resolve(p).toFile());
            assertTrue(img != null && img.getWidth() > 100 && img.getHeight() > 100, p);
        }
    }

    @Test
    void reportHasItsSectionsAndAVerdictPerFinding() throws IOException {
        String report = Files.readString(dir.resolve("REPORT.md"), StandardCharsets.UTF_8);
        for (String s : List.of("## Setup", "## Findings", "## Settings", "## Clamped and skipped settings", "## Definitions",
                "## Files")) {
            assertTrue(report.contains(s), "missing section " + s);
        }
        assertEquals(5, report.lines().filter(l -> l.startsWith("- verdict: **")).count(), "five findings with a verdict");
        assertTrue(report.contains("1.89") && report.contains("35.7"), "the paper's paired figures");
    }

    private static List<Map<String, String>> csv(String table) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(table + ".csv"), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.length, cells.length, table + ": columns of " + line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static double num(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }
}
