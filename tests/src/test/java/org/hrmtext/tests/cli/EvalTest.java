package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.quickstart.ReasoningTasks;
import org.hrmtext.cli.Hrm;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards {@code hrm eval} on a tiny model trained for three steps on text with digit answers
 * (byte tokenizer, so it answers choice prompts with digits, no valid letter): each
 * mode writes one results line per item (its source line, kind, output, a score in [0, 1]) and a
 * {@code --json} summary (mode, items, score, by_kind, results); choice mode scores the letter the
 * model wrote, or 1/n when it wrote no valid letter; loglik picks a letter deterministically;
 * exact mode also runs on an exported ONNX file; bad item lines are exit 2 naming the line.
 */
class EvalTest {
    @TempDir
    static Path dir;

    private static Path model;
    private static Path exactItems;
    private static Path choiceItems;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        ReasoningTasks.Split tasks = ReasoningTasks.generate(7, 48, 4);
        StringBuilder train = new StringBuilder();
        tasks.train().stream().filter(t -> t.response().chars().allMatch(Character::isDigit))
                .forEach(t -> train.append(item(t, Map.of("response", t.response(), "condition", "direct"))));
        TrainInputs inputs = new TrainInputs(dir);
        model = dir.resolve("model");
        Hrm.run("train", "--config", inputs.config(), "--data", Files.writeString(dir.resolve("train.jsonl"), train),
                "--out", model, "--set", "train.steps=3").succeeded();
        StringBuilder exact = new StringBuilder();
        tasks.heldOut().forEach(t -> exact.append(item(t, Map.of("response", t.response()))).append('\n'));
        exactItems = Files.writeString(dir.resolve("exact.jsonl"), exact);
        choiceItems = Files.writeString(dir.resolve("choice.jsonl"), String.join("\n",
                "{\"instruction\": \"sort 312\", \"choices\": [\"123\", \"321\"], \"answer\": 0, \"kind\": \"sort\"}",
                "{\"instruction\": \"reverse abc\", \"choices\": [\"abc\", \"cba\", \"bca\"], \"answer\": \"B\"}",
                "{\"instruction\": \"add 01+02\", \"choices\": [\"300\", \"200\"], \"answer\": \"a\", \"condition\": \"direct\"}")
                + "\n");
    }

    private static String item(ReasoningTasks.Task t, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("instruction", t.instruction(), "kind", t.kind()));
        m.putAll(fields);
        return JsonWriter.compact(m) + "\n";
    }

    /** Runs eval with {@code --json}, checks the summary and returns the per-item results. */
    private static List<Map<String, Object>> eval(Path modelPath, Path items, String mode, int count) throws IOException {
        Path results = dir.resolve(mode + "-" + modelPath.getFileName() + ".results.jsonl");
        Map<String, Object> summary = Json.parseObject(Hrm.run("eval", "--model", modelPath, "--data", items, "--mode", mode,
                "--results", results, "--json").succeeded().out());
        assertEquals(List.of("mode", "items", "score", "by_kind", "results", "model", "model_sha256", "hrm_version"),
                List.copyOf(summary.keySet()));
        assertEquals(modelPath.getFileName().toString(), summary.get("model"), "the model by its name, not its path");
        assertTrue(((String) summary.get("model_sha256")).matches("[0-9a-f]{64}"), "the model's digest");
        assertEquals(mode, summary.get("mode"));
        assertEquals(count, ((Number) summary.get("items")).intValue());
        assertEquals(results.toString(), summary.get("results"));
        List<Map<String, Object>> lines = Files.readAllLines(results).stream().map(Json::parseObject).toList();
        assertEquals(count, lines.size(), "one line per item");
        double sum = 0;
        for (Map<String, Object> r : lines) {
            double score = ((Number) r.get("score")).doubleValue();
            assertTrue(score >= 0 && score <= 1, r.toString());
            assertTrue(r.get("output") instanceof String && r.get("kind") instanceof String, r.toString());
            sum += score;
        }
        assertEquals(sum / count, ((Number) summary.get("score")).doubleValue(), 1e-12, "mean of the item scores");
        return lines;
    }

    @Test
    void exactModeScoresEachHeldOutItem() throws IOException {
        List<Map<String, Object>> r = eval(model, exactItems, "exact", 4);
        assertEquals(List.of(1L, 3L, 5L, 7L), r.stream().map(m -> m.get("line")).toList(), "source lines (blank lines between)");
    }

    @Test
    void exactModeRunsOnAnExportedOnnxFile() throws IOException {
        Path onnx = dir.resolve("onnx").resolve("model.onnx");
        Hrm.run("export-onnx", "--model", model, "--out", onnx).succeeded();
        eval(onnx, exactItems, "exact", 4);
    }

    @Test
    void choiceModeScoresTheLetterOrOneOverN() throws IOException {
        int[] answers = {0, 1, 0};
        int[] choices = {2, 3, 2};
        List<Map<String, Object>> r = eval(model, choiceItems, "choice", 3);
        int invalid = 0;
        for (int i = 0; i < r.size(); i++) {
            String out = ((String) r.get(i).get("output")).strip();
            int letter = out.isEmpty() ? -1 : Character.toUpperCase(out.charAt(0)) - 'A';
            double expected = letter < 0 || letter >= choices[i] ? 1.0 / choices[i] : letter == answers[i] ? 1 : 0;
            assertEquals(expected, ((Number) r.get(i).get("score")).doubleValue(), r.get(i).toString());
            invalid += letter < 0 || letter >= choices[i] ? 1 : 0;
        }
        assertTrue(invalid > 0, "precondition: a model trained on digit answers writes no valid letter somewhere: " + r);
    }

    @Test
    void loglikModePicksALetterDeterministically() throws IOException {
        List<Map<String, Object>> first = eval(model, choiceItems, "loglik", 3);
        assertEquals(first, eval(model, choiceItems, "loglik", 3));
        for (Map<String, Object> r : first) {
            assertTrue(List.of("A", "B", "C").contains(r.get("output")), r.toString());
            assertTrue(((Number) r.get("score")).doubleValue() == 0 || ((Number) r.get("score")).doubleValue() == 1);
        }
    }

    @Test
    void badLinesAreRejectedWithTheirLineNumber() throws IOException {
        String good = "{\"instruction\": \"a\", \"response\": \"b\"}";
        assertEquals(2, rejectedLine("exact", good, "{not json"));
        assertEquals(3, rejectedLine("exact", good, "", "{\"instruction\": \"a\"}"));
        assertEquals(1, rejectedLine("choice", "{\"instruction\": \"a\", \"choices\": [\"x\", \"y\"], \"answer\": 2}"));
        assertEquals(1, rejectedLine("loglik", "{\"instruction\": \"a\", \"choices\": [\"x\"], \"answer\": 0}"));
    }

    /** Runs eval on the lines, asserts exit 2 and that no results were written, and returns the line number named. */
    private static int rejectedLine(String mode, String... lines) throws IOException {
        Path items = Files.writeString(dir.resolve("bad.jsonl"), String.join("\n", lines) + "\n");
        Path results = dir.resolve("bad.results.jsonl");
        String m = Hrm.run("eval", "--model", model, "--data", items, "--mode", mode, "--results", results)
                .failure(Hrm.BAD_INPUT, "eval");
        assertFalse(Files.exists(results), "results written for a bad file");
        assertTrue(m.startsWith(items + ": line "), m);
        return Integer.parseInt(m.substring((items + ": line ").length()).split(":")[0]);
    }
}
