package org.hrmtext.tests.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hrmtext.formats.json.Json;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrm prepare --format v1} writes the reference trainer's V1 layout: read back with numpy
 * through a loader that mirrors the reference's {@code dataset_new.py} (skipped without numpy),
 * every span decodes to the input text in the reference's sample layout, and {@code hrm train}
 * from the V1 directory trains exactly as from this project's own prepared format.
 */
class V1DatasetTest {
    private static final String[][] PAIRS = {{"What is 2+2?", "4", "direct"}, {"Say hi", "hi there", "cot"},
        {"héllo ✓ 日本", "wörld", ""}, {"empty", "", "direct"}, {"last", "one more", "synth"}};
    private static final int BOQ = 256;
    private static final int EOQ = 257;
    private static final int EOA = 258;
    private static final Map<String, Integer> CONDITION = Map.of("direct", 259, "cot", 260, "synth", 261, "noisy", 262);

    @TempDir
    Path dir;

    private Path input() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String[] p : PAIRS) {
            sb.append("{\"instruction\": \"").append(p[0]).append("\", \"response\": \"").append(p[1]).append('"')
                    .append(p[2].isEmpty() ? "" : ", \"condition\": \"" + p[2] + "\"").append("}\n");
        }
        return Files.writeString(dir.resolve("pairs.jsonl"), sb.toString());
    }

    private Path prepare(String format, String name) throws IOException {
        Path out = dir.resolve(name);
        Hrm.run("prepare", "--input", input(), "--out", out, "--format", format, "--epochs", "3", "--seed", "7")
                .succeeded();
        return out;
    }

    @Test
    void numpyReadsItWithTheReferenceLoaderAndTheSpansDecodeToTheInput() throws Exception {
        Path v1 = prepare("v1", "v1");
        assumeTrue(numpyAvailable(), "python3 with numpy is not installed");
        Path script = dir.resolve("reference_loader.py");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/v1/reference_loader.py"))) {
            Files.copy(in, script);
        }
        Map<String, Object> read = Json.parseObject(python(script.toString(), v1.toString(), "3"));
        assertEquals("int32", read.get("tokens_dtype"));
        assertEquals(263L, read.get("vocab_size"));
        assertEquals(4096L, read.get("max_seq_len"), "4097 - 1 for the autoregressive shift");
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) read.get("tokenizer_info");
        assertEquals("<boq>", info.get("boq"));
        assertEquals(Map.of("direct", "<direct>", "cot", "<cot>", "noisy", "<noisy>", "synth", "<synth>"),
                info.get("condition_mapping"));
        Set<String> expected = new HashSet<>();
        for (String[] p : PAIRS) {
            if (!p[1].isEmpty()) {
                expected.add(p[0] + "\u0000" + p[1] + "\u0000" + (p[2].isEmpty() ? "direct" : p[2]));
            }
        }
        List<List<String>> orders = new ArrayList<>();
        long tokens = 0;
        for (Object e : (List<?>) read.get("epochs")) {
            Map<?, ?> epoch = (Map<?, ?>) e;
            assertEquals(List.of("int64"), epoch.get("dtypes"));
            List<String> decoded = new ArrayList<>();
            tokens = 0;
            for (Object s : (List<?>) epoch.get("samples")) {
                int[] inst = ints((List<?>) ((Map<?, ?>) s).get("inst"));
                int[] resp = ints((List<?>) ((Map<?, ?>) s).get("resp"));
                tokens += inst.length + resp.length;
                assertEquals(BOQ, inst[0], "boq first");
                assertEquals(EOQ, inst[inst.length - 1], "eoq ends the instruction");
                assertEquals(EOA, resp[resp.length - 1], "eoa ends the response");
                String condition = CONDITION.entrySet().stream().filter(c -> c.getValue() == inst[1]).findFirst()
                        .orElseThrow().getKey();
                decoded.add(text(inst, 2, inst.length - 1) + "\u0000" + text(resp, 0, resp.length - 1) + "\u0000" + condition);
            }
            assertEquals(expected, new HashSet<>(decoded), "the samples of every epoch are the input pairs, empty response dropped");
            orders.add(decoded);
        }
        assertEquals(tokens, read.get("total_length"));
        assertTrue(new HashSet<>(orders).size() > 1, "one shuffle per epoch: " + orders);
    }

    @Test
    void trainingFromV1EqualsTrainingFromThePreparedFormat() throws IOException {
        Path v1 = prepare("v1", "v1");
        Path config = Files.writeString(dir.resolve("tiny.yaml"), "model: {preset: tiny}\n"
                + "train: {steps: 3, seq_len: 48, rows: 2, seed: 0, log_every: 1, checkpoint_every: 3}\n"
                + "backend: {train: djl, threads: 1}\n");
        // The native format needs every line to have a condition to match V1's default of direct.
        String withDirect = Files.readString(dir.resolve("pairs.jsonl")).replace("\"wörld\"}", "\"wörld\", \"condition\": \"direct\"}");
        Path hrmDirect = dir.resolve("hrm-direct");
        Hrm.run("prepare", "--input", Files.writeString(dir.resolve("direct.jsonl"), withDirect), "--out", hrmDirect,
                "--epochs", "3", "--seed", "7").succeeded();
        Hrm.run("train", "--config", config, "--data", v1, "--out", dir.resolve("from-v1")).succeeded();
        Hrm.run("train", "--config", config, "--data", hrmDirect, "--out", dir.resolve("from-hrm")).succeeded();
        assertArrayEquals(Files.readAllBytes(dir.resolve("from-hrm/model.safetensors")),
                Files.readAllBytes(dir.resolve("from-v1/model.safetensors")), "same samples, same epoch orders, same run");
    }

    @Test
    void aSampleTooLongForTheContextSizeIsRefusedAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("short");
        String message = Hrm.run("prepare", "--input", input(), "--out", out, "--format", "v1", "--context-size", "12")
                .failure(Hrm.BAD_INPUT, "prepare");
        assertTrue(message.contains("--context-size is 12"), message);
        assertFalse(Files.exists(out));
    }

    private static int[] ints(List<?> values) {
        return values.stream().mapToInt(v -> ((Long) v).intValue()).toArray();
    }

    private static String text(int[] ids, int from, int to) {
        byte[] bytes = new byte[to - from];
        for (int i = from; i < to; i++) {
            assertTrue(ids[i] < 256, "plain text is bytes");
            bytes[i - from] = (byte) ids[i];
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether {@code python3} (the one on the PATH) imports numpy. */
    static boolean numpyAvailable() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python finished");
        assertEquals(0, p.exitValue(), "reference loader exit code");
        return out;
    }
}
