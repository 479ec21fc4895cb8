package org.hrmtext.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrmtext.cli.Hrm;
import org.hrmtext.formats.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrm eval --engine spark} and {@code hrm generate-batch --engine spark} on a real
 * {@code local[2]} session with a tiny trained model exported to ONNX: the per-item results and
 * the generated answers (with their ids) equal the local ones, and each executor opens the model
 * once, reusing it for later partitions and jobs; results as Parquet equal those as JSONL; a
 * directory of JSONL and Parquet part files reads as the whole file; a bad line in a part is named
 * by its file and line and the earlier results stay.
 */
class SparkBatchTest {
    private static final String CONFIG = "model: {preset: tiny}\n"
            + "train: {steps: 3, seq_len: 48, rows: 2, seed: 0, log_every: 1, checkpoint_every: 3}\n"
            + "backend: {train: djl, threads: 1}\n";
    private static SparkSession spark;
    private static Path onnx;
    private static Path items;
    private static Path prompts;
    private static Path named;

    @TempDir
    static Path dir;

    @BeforeAll
    static void trainAndExport() throws IOException {
        spark = Cli.startSpark();
        StringBuilder train = new StringBuilder();
        StringBuilder eval = new StringBuilder();
        StringBuilder ask = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String digits = Integer.toString(1000 + i * 37);
            String reversed = new StringBuilder(digits).reverse().toString();
            train.append("{\"instruction\": \"reverse ").append(digits).append("\", \"response\": \"").append(reversed)
                    .append("\", \"condition\": \"direct\"}\n");
            eval.append("{\"instruction\": \"reverse ").append(digits).append("\", \"response\": \"").append(reversed)
                    .append("\", \"kind\": \"").append(i % 2 == 0 ? "even" : "odd").append("\"}\n");
            ask.append("{\"id\": ").append(i % 3 == 0 ? "\"q" + i + "\"" : String.valueOf(i)).append(", \"prompt\": \"reverse ")
                    .append(digits).append("\", \"condition\": \"direct\"}\n");
        }
        Path model = dir.resolve("model");
        Hrm.run("train", "--config", Files.writeString(dir.resolve("tiny.yaml"), CONFIG), "--data",
                Files.writeString(dir.resolve("train.jsonl"), train), "--out", model).succeeded();
        onnx = dir.resolve("onnx").resolve("model.onnx");
        Hrm.run("export-onnx", "--model", model, "--out", onnx).succeeded();
        items = Files.writeString(dir.resolve("items.jsonl"), eval);
        prompts = Files.writeString(dir.resolve("prompts.jsonl"), ask);
        named = Files.writeString(dir.resolve("named.jsonl"), ask.toString().replaceAll("\"id\": (\\d+)", "\"id\": \"n$1\""));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Map<String, Object> eval(Path results, Object... engine) {
        Object[] args = new Object[10 + engine.length];
        System.arraycopy(new Object[] {"eval", "--model", onnx, "--data", items, "--condition", "direct", "--results", results,
            "--json"}, 0, args, 0, 10);
        System.arraycopy(engine, 0, args, 10, engine.length);
        return Json.parseObject(Hrm.run(args).succeeded().out());
    }

    @Test
    void sparkEvalEqualsLocalEvalAndReusesOneModelPerExecutor() throws IOException {
        Map<String, Object> local = eval(dir.resolve("local.jsonl"));
        Map<String, Object> onSpark = eval(dir.resolve("spark.jsonl"), "--engine", "spark", "--partitions", "3");
        assertEquals(local.get("score"), onSpark.get("score"));
        assertEquals(local.get("by_kind"), onSpark.get("by_kind"));
        List<String> expected = Files.readAllLines(dir.resolve("local.jsonl"));
        assertEquals(40, expected.size());
        assertEquals(expected, Files.readAllLines(dir.resolve("spark.jsonl")), "the same line per item");

        int opened = ExecutorModels.opened();
        assertTrue(opened >= 1, "the executor opened the model");
        eval(dir.resolve("again.jsonl"), "--engine", "spark", "--partitions", "2");
        assertEquals(opened, ExecutorModels.opened(), "a later job with other partitions reuses the executor's model");
        assertEquals(expected, Files.readAllLines(dir.resolve("again.jsonl")));
    }

    @Test
    void sparkGenerateBatchEqualsLocalGreedyAnswersWithTheirIds() throws IOException {
        Hrm.run("generate-batch", "--model", onnx, "--input", prompts, "--output", dir.resolve("gen-local"),
                "--max-new-tokens", "6").succeeded();
        Hrm.run("generate-batch", "--model", onnx, "--input", prompts, "--output", dir.resolve("gen-spark"),
                "--max-new-tokens", "6", "--engine", "spark", "--partitions", "3").succeeded();
        List<String> local = Files.readAllLines(dir.resolve("gen-local/results.jsonl"));
        assertEquals(40, local.size());
        assertEquals(local, Files.readAllLines(dir.resolve("gen-spark/results.jsonl")));
        assertEquals("q0", Json.parseObject(local.get(0)).get("id"));
        assertEquals(1L, Json.parseObject(local.get(1)).get("id"));
        assertTrue(local.stream().allMatch(l -> Json.parseObject(l).get("output") instanceof String));
    }

    /** The rows of a results file (JSONL or Parquet) as maps. */
    private static List<Map<String, Object>> rows(Path file) throws IOException {
        if (file.toString().endsWith(".parquet")) {
            return new ParquetRows().read(file, "").stream().map(l -> Json.parseObject(l.text())).toList();
        }
        return Files.readAllLines(file).stream().map(Json::parseObject).toList();
    }

    @Test
    void parquetResultsEqualJsonlResultsLocallyAndOnSpark() throws IOException {
        Object[] generate = {"generate-batch", "--model", onnx, "--input", named, "--max-new-tokens", "4"};
        Hrm.run(with(generate, "--output", dir.resolve("g-jsonl"))).succeeded();
        Hrm.run(with(generate, "--output", dir.resolve("g-parquet"), "--output-format", "parquet")).succeeded();
        Hrm.run(with(generate, "--output", dir.resolve("g-spark-parquet"), "--output-format", "parquet", "--engine", "spark",
                "--partitions", "2")).succeeded();
        List<Map<String, Object>> expected = rows(dir.resolve("g-jsonl/results.jsonl"));
        assertEquals(40, expected.size());
        assertEquals(expected, rows(dir.resolve("g-parquet/results.parquet")), "local Parquet = JSONL");
        assertEquals(expected, rows(dir.resolve("g-spark-parquet/results.parquet")), "Spark Parquet = JSONL");
        assertEquals(List.of("results.parquet"), Cli.files(dir.resolve("g-spark-parquet")), "one file, no checksum beside it");
        Hrm.run("generate-batch", "--model", onnx, "--input", prompts, "--max-new-tokens", "1", "--output", dir.resolve("g-mixed"),
                "--output-format", "parquet").succeeded();
        assertEquals("1", rows(dir.resolve("g-mixed/results.parquet")).get(1).get("id"), "ids mixing strings and integers: strings");

        eval(dir.resolve("e.jsonl"));
        eval(dir.resolve("e.parquet"), "--engine", "spark", "--partitions", "2");
        List<Map<String, Object>> scored = rows(dir.resolve("e.jsonl"));
        assertEquals(scored, rows(dir.resolve("e.parquet")), "eval: Spark Parquet results (by the ending) = local JSONL");
        assertEquals(1L, scored.get(0).get("id"), "an item without id is known by its line");
    }

    private static Object[] with(Object[] base, Object... more) {
        Object[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** The named prompts cut into a directory: a JSONL part, a Parquet part, and Spark's {@code _SUCCESS} marker. */
    private static Path promptParts(String name, String brokenSecondLine) throws IOException {
        List<String> lines = Files.readAllLines(named);
        Path parts = Files.createDirectories(dir.resolve(name));
        List<String> first = new java.util.ArrayList<>(lines.subList(0, 25));
        if (brokenSecondLine != null) {
            first.set(1, brokenSecondLine);
        }
        Files.write(parts.resolve("part-00000.jsonl"), first);
        new ParquetRows().write(parts.resolve("part-00001.parquet"),
                lines.subList(25, lines.size()).stream().map(Json::parseObject).toList());
        Files.writeString(parts.resolve("_SUCCESS"), "");
        return parts;
    }

    @Test
    void aDirectoryOfJsonlAndParquetPartsGeneratesAsTheWholeFileLocallyAndOnSpark() throws IOException {
        Path parts = promptParts("prompt-parts", null);
        Object[] generate = {"generate-batch", "--model", onnx, "--max-new-tokens", "4"};
        Hrm.run(with(generate, "--input", named, "--output", dir.resolve("d-whole"))).succeeded();
        Hrm.run(with(generate, "--input", parts, "--output", dir.resolve("d-local"))).succeeded();
        Hrm.run(with(generate, "--input", parts + "/", "--output", dir.resolve("d-spark"), "--engine", "spark", "--partitions",
                "3")).succeeded();
        List<String> whole = Files.readAllLines(dir.resolve("d-whole/results.jsonl"));
        assertEquals(whole, Files.readAllLines(dir.resolve("d-local/results.jsonl")), "local: the parts in name order");
        assertEquals(whole, Files.readAllLines(dir.resolve("d-spark/results.jsonl")), "Spark: the parts in name order");

        Path itemParts = Files.createDirectories(dir.resolve("item-parts"));
        List<String> all = Files.readAllLines(items);
        Files.write(itemParts.resolve("a.jsonl"), all.subList(0, 10));
        Files.write(itemParts.resolve("b.jsonl"), all.subList(10, 20));
        Hrm.run("eval", "--model", onnx, "--data", itemParts, "--results", dir.resolve("parts.jsonl"), "--engine", "spark")
                .succeeded();
        List<Map<String, Object>> scored = rows(dir.resolve("parts.jsonl"));
        assertEquals(20, scored.size());
        assertEquals("a.jsonl:1", scored.get(0).get("id"));
        assertEquals("b.jsonl:10", scored.get(19).get("id"), "in a directory an item without id is PART:LINE");
    }

    @Test
    void aBadLineInAPartFileIsNamedByFileAndLineAndTheEarlierResultsStay() throws IOException {
        Path parts = promptParts("bad-parts", "{\"id\": 7, \"prompt\": ");
        Path out = dir.resolve("kept");
        Hrm.run("generate-batch", "--model", onnx, "--input", prompts, "--output", out, "--max-new-tokens", "2").succeeded();
        byte[] before = Files.readAllBytes(out.resolve("results.jsonl"));
        for (String engine : new String[] {"local", "spark"}) {
            String error = Hrm.run("generate-batch", "--model", onnx, "--input", parts, "--output", out, "--engine", engine)
                    .error();
            assertTrue(error.contains(parts.resolve("part-00000.jsonl") + ": line 2: "), engine + ": " + error);
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("results.jsonl"))), engine + ": results kept");
            assertEquals(List.of("results.jsonl"), Cli.files(out));
        }
    }
}
