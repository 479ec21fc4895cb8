package org.hrmtext.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.hrmtext.app.FakeBackend;
import org.hrmtext.app.checkpoint.ModelDirectory;
import org.hrmtext.app.checkpoint.Provenance;
import org.hrmtext.app.wiring.ApplicationModule;
import org.hrmtext.app.wiring.BackendModule;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.json.Json;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.Safetensors;
import org.hrmtext.domain.model.WeightInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HrmCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private static Injector injector(FakeBackend backend) {
        return Guice.createInjector(new BackendModule(List.of(backend)), new ApplicationModule());
    }

    private int run(FakeBackend backend, String... args) {
        out.reset();
        err.reset();
        return HrmCommand.execute(injector(backend), args);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"train", "--help"},
                new String[] {"score", "--help"}, new String[] {"bench", "train", "--help"})) {
            assertEquals(0, run(new FakeBackend(), args), String.join(" ", args));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: hrm"));
        }
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        assertEquals(2, run(new FakeBackend(), "score", "--batch", "b.json"));
        assertTrue(errText().startsWith("hrm score: error: Missing required option"), errText());
        assertEquals(1, errText().lines().count());
        assertEquals(2, run(new FakeBackend()));
        assertTrue(errText().startsWith("hrm: error: missing command"), errText());
    }

    private Path writeData(int samples) throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < samples; i++) {
            String ins = rng.ints(3 + rng.nextInt(5), 0, 512).mapToObj(Integer::toString).collect(Collectors.joining(","));
            String res = rng.ints(2 + rng.nextInt(6), 0, 512).mapToObj(Integer::toString).collect(Collectors.joining(","));
            sb.append("{\"instruction_ids\": [").append(ins).append("], \"response_ids\": [").append(res).append("]}\n");
        }
        Path f = dir.resolve("data.jsonl");
        Files.writeString(f, sb.toString());
        return f;
    }

    private Path writeConfig() throws IOException {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, "model: {preset: tiny}\n"
                + "train: {steps: 6, seq_len: 32, rows: 2, seed: 3, log_every: 1, checkpoint_every: 3}\n"
                + "optimizer: {lr: 1e-2, warmup_steps: 2, min_lr_ratio: 0.1}\n"
                + "backend: {train: fake}\n");
        return f;
    }

    private static List<Object> losses(Path metrics) throws IOException {
        return Files.readAllLines(metrics).stream().map(l -> Json.parseObject(l).get("loss")).toList();
    }

    @Test
    void trainWritesModelCheckpointMetricsAndResumesExactly() throws IOException {
        Path data = writeData(12);
        Path config = writeConfig();
        Path a = dir.resolve("a");
        assertEquals(0, run(new FakeBackend(), "train", "--config", config.toString(), "--data", data.toString(),
                "--out", a.toString()), errText());
        for (String f : List.of("config.json", "model.safetensors", "model_ema.safetensors", "metrics.jsonl",
                "checkpoint/trainer_state.json", "checkpoint/optimizer.safetensors")) {
            assertTrue(Files.exists(a.resolve(f)), f);
        }
        Map<String, Object> line = Json.parseObject(Files.readAllLines(a.resolve("metrics.jsonl")).get(0));
        assertEquals(List.of("step", "loss", "token_accuracy", "sequence_exact_accuracy", "grad_norm", "lr", "bp_steps",
                "tokens_per_s"), List.copyOf(line.keySet()));

        Path b = dir.resolve("b");
        assertEquals(3, run(new FakeBackend(4), "train", "--config", config.toString(), "--data", data.toString(),
                "--out", b.toString()));
        assertEquals("hrm train: error: training diverged at step 4: loss is NaN; last good checkpoint: "
                + b.resolve("checkpoint") + " (step 3)", errText().lines().reduce((x, y) -> y).orElseThrow());
        assertEquals(0, run(new FakeBackend(), "train", "--config", config.toString(), "--data", data.toString(),
                "--out", b.toString(), "--resume", b.resolve("checkpoint").toString()), errText());
        assertEquals(losses(a.resolve("metrics.jsonl")), losses(b.resolve("metrics.jsonl")));
        for (String f : List.of("model.safetensors", "model_ema.safetensors", "checkpoint/optimizer.safetensors",
                "checkpoint/trainer_state.json")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void resumeWithAnotherDataLayoutIsRefused() throws IOException {
        Path data = writeData(12);
        Path config = writeConfig();
        Path a = dir.resolve("a");
        assertEquals(0, run(new FakeBackend(), "train", "--config", config.toString(), "--data", data.toString(),
                "--out", a.toString()));
        assertEquals(2, run(new FakeBackend(), "train", "--config", config.toString(), "--data", data.toString(),
                "--out", a.toString(), "--resume", a.resolve("checkpoint").toString(), "--set", "train.seed=4"));
        assertTrue(errText().contains("seed"), errText());
    }

    @Test
    void badDataIsOneLineNamingFileAndLine() throws IOException {
        Path data = dir.resolve("bad.jsonl");
        Files.writeString(data, "{\"instruction_ids\": [1], \"response_ids\": [2]}\n{\"instruction_ids\": [1], \"response_ids\": [900]}\n");
        assertEquals(2, run(new FakeBackend(), "train", "--config", writeConfig().toString(), "--data", data.toString(),
                "--out", dir.resolve("o").toString()));
        assertTrue(errText().startsWith("hrm train: error: " + data + ": line 2:"), errText());
        assertFalse(Files.exists(dir.resolve("o").resolve("model.safetensors")));
    }

    @Test
    void scoreWritesJsonAndLogits() throws IOException {
        Path model = dir.resolve("model");
        var cfg = ModelPresets.named("tiny");
        ModelDirectory.write(model, WeightInitializer.initialize(ParameterLayout.of(cfg), 0), new Provenance("test", 0, 0));
        Path batch = dir.resolve("batch.json");
        Files.writeString(batch, "{\"inputs\": [1, 2, 3, 4], \"labels\": [-100, 3, 4, 5], \"position_ids\": [0, 1, 2, 3],"
                + " \"sequences\": [{\"start\": 0, \"prefix_len\": 2, \"causal_len\": 2}]}");
        Path json = dir.resolve("score.json");
        Path logits = dir.resolve("logits.safetensors");
        assertEquals(0, run(new FakeBackend(), "score", "--model", model.toString(), "--batch", batch.toString(),
                "--backend", "fake", "--bp-steps", "3", "--out", json.toString(), "--logits", logits.toString()), errText());
        Map<String, Object> m = Json.parseObject(Files.readString(json));
        assertEquals(3L, m.get("labelled_tokens"));
        assertTrue(((Map<?, ?>) m.get("grad_norms")).containsKey("model.embed_tokens.weight"));
        HostTensor t = Safetensors.read(logits).get("logits");
        assertArrayEquals(new int[] {4, 512}, t.shape());

        assertEquals(2, run(new FakeBackend(), "score", "--model", dir.resolve("none").toString(), "--batch",
                batch.toString(), "--backend", "fake"));
        assertTrue(errText().startsWith("hrm score: error: ") && errText().contains("config.json"), errText());
        assertEquals(2, run(new FakeBackend(), "score", "--model", model.toString(), "--batch", batch.toString(),
                "--backend", "onnx"));
        assertEquals("hrm score: error: unknown backend \"onnx\"; installed: fake", errText().trim());
    }

    @Test
    void benchPrintsOneJsonObject() {
        assertEquals(0, run(new FakeBackend(), "bench", "train", "--preset", "tiny", "--backend", "fake", "--steps", "2",
                "--json"), errText());
        Map<String, Object> m = Json.parseObject(out.toString(StandardCharsets.UTF_8).trim());
        assertEquals(100.0, m.get("matmul_gflops"));
        assertTrue((Double) m.get("tokens_per_s") > 0 && (Double) m.get("mfu") > 0);
        assertEquals("full", m.get("credit"));
    }
}
