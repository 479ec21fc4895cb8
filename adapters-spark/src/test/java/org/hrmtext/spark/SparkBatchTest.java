package org.hrmtext.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrmtext.domain.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrm eval --engine spark} and {@code hrm generate-batch --engine spark} on a real
 * {@code local[2]} session with a tiny trained model exported to ONNX: the per-item results and
 * the generated answers (with their ids) equal the local ones, and each executor opens the model
 * once, reusing it for later partitions and jobs.
 */
class SparkBatchTest {
    private static final String CONFIG = "model: {preset: tiny}\n"
            + "train: {steps: 3, seq_len: 48, rows: 2, seed: 0, log_every: 1, checkpoint_every: 3}\n"
            + "backend: {train: djl, threads: 1}\n";
    private static SparkSession spark;
    private static Path onnx;
    private static Path items;
    private static Path prompts;

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
        Cli.hrm("train", "--config", Files.writeString(dir.resolve("tiny.yaml"), CONFIG), "--data",
                Files.writeString(dir.resolve("train.jsonl"), train), "--out", model).succeeded();
        onnx = dir.resolve("onnx").resolve("model.onnx");
        Cli.hrm("export-onnx", "--model", model, "--out", onnx).succeeded();
        items = Files.writeString(dir.resolve("items.jsonl"), eval);
        prompts = Files.writeString(dir.resolve("prompts.jsonl"), ask);
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
        return Json.parseObject(Cli.hrm(args).succeeded().out());
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
        Cli.hrm("generate-batch", "--model", onnx, "--input", prompts, "--output", dir.resolve("gen-local"),
                "--max-new-tokens", "6").succeeded();
        Cli.hrm("generate-batch", "--model", onnx, "--input", prompts, "--output", dir.resolve("gen-spark"),
                "--max-new-tokens", "6", "--engine", "spark", "--partitions", "3").succeeded();
        List<String> local = Files.readAllLines(dir.resolve("gen-local/results.jsonl"));
        assertEquals(40, local.size());
        assertEquals(local, Files.readAllLines(dir.resolve("gen-spark/results.jsonl")));
        assertEquals("q0", Json.parseObject(local.get(0)).get("id"));
        assertEquals(1L, Json.parseObject(local.get(1)).get("id"));
        assertTrue(local.stream().allMatch(l -> Json.parseObject(l).get("output") instanceof String));
    }
}
