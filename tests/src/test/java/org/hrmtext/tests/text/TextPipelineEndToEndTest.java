package org.hrmtext.tests.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.formats.json.Json;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text in, text out, through the real command line and the real DJL backend on the tiny preset:
 * {@code hrm prepare} → {@code hrm train} (a few steps, one thread) → {@code hrm generate --prompt},
 * with the built-in byte tokenizer and with a Hugging Face {@code tokenizer.json} ({@link HfTokenizerJson}; also through an
 * exported ONNX file with the tokenizer files beside it).
 */
class TextPipelineEndToEndTest {
    @TempDir
    Path dir;

    /** Runs a command that must succeed and returns what it printed. */
    private static Hrm.Result hrm(String... args) {
        return Hrm.run((Object[]) args).succeeded();
    }

    private Path data(String... words) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String a = words[i % words.length];
            String b = words[(i + 1) % words.length];
            sb.append("{\"instruction\": \"").append(a).append(' ').append(b).append("\", \"response\": \"").append(b)
                    .append(' ').append(a).append("\", \"condition\": \"direct\"}\n");
        }
        return Files.writeString(dir.resolve("pairs.jsonl"), sb.toString());
    }

    /** Schedules that do not depend on train.steps (constant LR after warmup, fixed credit), so runs can be extended. */
    private Path config() throws IOException {
        return Files.writeString(dir.resolve("tiny.yaml"), "model: {preset: tiny}\n"
                + "train: {steps: 4, seq_len: 48, rows: 2, seed: 0, log_every: 2, checkpoint_every: 2, credit_warmup: false}\n"
                + "optimizer: {lr: 3e-3, warmup_steps: 1, min_lr_ratio: 1.0}\n"
                + "backend: {train: djl, threads: 1}\n");
    }

    private byte[] weights(Path model) throws IOException {
        return Files.readAllBytes(model.resolve("model.safetensors"));
    }

    private Map<String, Object> generate(Path model, String prompt) {
        return Json.parseObject(hrm("generate", "--model", model.toString(), "--prompt", prompt, "--condition", "direct",
                "--max-new-tokens", "8", "--threads", "1", "--json").out());
    }

    @Test
    void byteTokenizerFromPrepareToGeneratedText() throws IOException {
        Path pairs = data("héllo", "wörld", "日本");
        Path prepared = dir.resolve("prepared");
        hrm("prepare", "--input", pairs.toString(), "--out", prepared.toString(), "--max-len", "48");
        Path model = dir.resolve("model");
        hrm("train", "--config", config().toString(), "--data", prepared.toString(), "--out", model.toString());
        assertTrue(Files.exists(model.resolve("tokenizer_info.json")));

        Path onTheFly = dir.resolve("on-the-fly");
        hrm("train", "--config", config().toString(), "--data", pairs.toString(), "--out", onTheFly.toString());
        assertArrayEquals(weights(model), weights(onTheFly), "raw JSONL is prepared on the fly exactly as hrm prepare does");

        Path resumed = dir.resolve("resumed");
        hrm("train", "--config", config().toString(), "--data", prepared.toString(), "--out", resumed.toString(),
                "--set", "train.steps=2");
        hrm("train", "--config", config().toString(), "--data", prepared.toString(), "--out", resumed.toString(),
                "--resume", resumed.resolve("checkpoint").toString());
        assertArrayEquals(weights(model), weights(resumed), "2 steps + resume + 2 steps = 4 steps");

        Map<String, Object> r = generate(model, "héllo wörld");
        assertTrue(r.get("text") instanceof String, r.toString());
        assertTrue(((List<?>) r.get("new_tokens")).size() <= 8, r.toString());
    }

    @Test
    void huggingFaceTokenizerFromRawJsonlToGeneratedText() throws IOException {
        Path tokenizer = HfTokenizerJson.writeWordLevel(dir.resolve("hf"), List.of("hello", "world", "the", "answer"));
        Path model = dir.resolve("model");
        hrm("train", "--config", config().toString(), "--data", data("hello", "world", "the", "answer").toString(),
                "--tokenizer", tokenizer.toString(), "--out", model.toString());
        assertTrue(Files.exists(model.resolve("tokenizer.json")) && Files.exists(model.resolve("tokenizer_info.json")));
        Map<String, Object> r = generate(model, "hello world");
        String text = (String) r.get("text");
        assertTrue(text.isEmpty() || text.matches("[a-z<>|_ \\[\\]A-Z]+"), text);

        Path onnx = dir.resolve("exported").resolve("model.onnx");
        hrm("export-onnx", "--model", model.toString(), "--out", onnx.toString());
        assertTrue(Files.exists(onnx.resolveSibling("tokenizer.json")), "tokenizer files travel beside the ONNX file");
        assertTrue(generate(onnx, "hello world").get("text") instanceof String);
    }
}
