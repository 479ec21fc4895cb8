package org.hrmtext.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.cli.wiring.ApplicationModule;
import org.hrmtext.cli.wiring.BackendModule;
import org.hrmtext.formats.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrm prepare}, and the text errors of {@code hrm train} and {@code hrm generate} that come
 * before any backend is needed. Runs with the real backend are in the tests module
 * ({@code org.hrmtext.tests.text}).
 */
class TextCommandsTest {
    @TempDir
    Path dir;

    private Hrm.Result last;

    private int run(String... args) {
        last = Hrm.run(Guice.createInjector(new BackendModule(List.of()), new ApplicationModule()), args);
        return last.exitCode();
    }

    private String errText() {
        return last.err();
    }

    private Path textData() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append("{\"instruction\": \"reverse ").append(i * 37).append("\", \"response\": \"")
                    .append(new StringBuilder(String.valueOf(i * 37)).reverse()).append("\", \"condition\": \"direct\"}\n");
        }
        return Files.writeString(dir.resolve("text.jsonl"), sb.toString());
    }

    private Path config(String extra) throws IOException {
        return Files.writeString(dir.resolve("tiny.yaml"), "model: {preset: tiny" + extra + "}\n"
                + "train: {steps: 6, seq_len: 32, rows: 2, seed: 3, log_every: 1, checkpoint_every: 3}\n"
                + "optimizer: {lr: 1e-2, warmup_steps: 2, min_lr_ratio: 0.1}\n"
                + "backend: {train: djl}\n");
    }

    @Test
    void prepareReportsAndPrintsJson() throws IOException {
        Path data = dir.resolve("prepared");
        assertEquals(0, run("prepare", "--input", textData().toString(), "--out", data.toString(), "--epochs", "2",
                "--json"), errText());
        Map<String, Object> m = Json.parseObject(last.out());
        assertEquals(16L, m.get("samples"));
        assertTrue(Files.exists(data.resolve("order-1.bin")));
        assertEquals(2, run("prepare", "--input", textData().toString(), "--out", data.toString(), "--on-error", "sometimes"));
        assertTrue(errText().startsWith("hrm prepare: error: Invalid value for option '--on-error'"), errText());
    }

    @Test
    void aTokenizerLargerThanTheModelVocabularyIsRefused() throws IOException {
        assertEquals(2, run("train", "--config", config(", vocab_size: 200").toString(), "--data", textData().toString(),
                "--out", dir.resolve("o").toString()));
        assertTrue(errText().contains("the tokenizer has 263 ids but the model's vocab_size is 200"), errText());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void generateWithTextNeedsTokenizerFiles() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        assertEquals(2, run("generate", "--model", model.toString(), "--prompt", "hello"));
        assertTrue(errText().startsWith("hrm generate: error: --prompt needs a tokenizer"), errText());
        assertEquals(2, run("generate", "--model", model.toString(), "--prompt-ids", "1,2", "--condition", "cot"));
        assertTrue(errText().contains("--condition applies to --prompt text"), errText());
    }
}
