package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards {@code hrm inspect} (issue 15 item 7): on the golden HRM model exported to ONNX it prints
 * the contract (inputs and outputs with dtypes and shapes, one cache pair per module call and
 * layer, the bias value, the schedule, provenance); on the model directory its summary; a file
 * that is not a model is refused with one line and exit code 2.
 */
class InspectTest {
    @TempDir
    Path dir;

    private Path golden() {
        return new GoldenInputs(dir.resolve("src")).weights().getParent();
    }

    @Test
    void printsTheContractOfAnExportedFile() {
        Path model = golden();
        Path onnx = dir.resolve("golden.onnx");
        Hrm.run("export-onnx", "--model", model, "--out", onnx).succeeded();
        String out = Hrm.run("inspect", onnx).succeeded().out();
        List<String> lines = out.lines().toList();
        assertTrue(lines.contains("architecture: hrm"), out);
        assertTrue(out.contains("attention_bias: additive, 0 = attend, -1.0E9 = blocked"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+input_ids\\s+int64\\s+\\[batch, query_len]")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+attention_bias\\s+float32\\s+\\[batch, 1, query_len, key_len]")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+logits_index\\s+int64\\s+\\[batch]")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+first_logits\\s+float32\\s+\\[batch, \\d+]")), out);
        long pastKeys = lines.stream().filter(l -> l.trim().startsWith("past_key.")).count();
        long newValues = lines.stream().filter(l -> l.trim().startsWith("new_value.")).count();
        assertTrue(pastKeys > 0, out);
        assertEquals(pastKeys, newValues, "one new value per past key");
        assertTrue(lines.contains("caches: " + pastKeys + " key/value pairs (past_key.C.L/past_value.C.L in, "
                + "new_key.C.L/new_value.C.L out: append each run's new_* to past_* along axis 2; C = module call, L = layer), float32"), out);
        String schedule = lines.stream().filter(l -> l.startsWith("schedule: ")).findFirst().orElseThrow();
        assertTrue(schedule.matches("schedule: ([HL]\\d+\\*? ?)+"), schedule);
        String dirOut = Hrm.run("inspect", model).succeeded().out();
        assertTrue(dirOut.contains(schedule), "the directory and its export have one schedule: " + dirOut);
        assertTrue(dirOut.contains("caches: " + pastKeys + " key/value pairs"), dirOut);
    }

    @Test
    void summarisesAModelDirectory() {
        String out = Hrm.run("inspect", golden()).succeeded().out();
        List<String> lines = out.lines().toList();
        assertTrue(lines.contains("model directory: model"), out);
        assertTrue(lines.contains("architecture: hrm"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("tensors: \\d+ in 1 file\\(s\\), [\\d,]+ parameters, dtype F32")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("sha256: [0-9a-f]{64}")), out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("tokenizer: ")), out);
    }

    @Test
    void refusesAFileThatIsNotAModel() throws IOException {
        Path bad = Files.writeString(dir.resolve("notes.onnx"), "this is not an ONNX model\n");
        String message = Hrm.run("inspect", bad).failure(Hrm.BAD_INPUT, "inspect");
        assertTrue(message.startsWith(bad + ": cannot read it as an ONNX file"), message);
        String missing = Hrm.run("inspect", dir.resolve("absent")).failure(Hrm.BAD_INPUT, "inspect");
        assertTrue(missing.contains("no such file or directory"), missing);
        String empty = Hrm.run("inspect", dir).failure(Hrm.BAD_INPUT, "inspect");
        assertTrue(empty.contains("not a model directory: no config.json"), empty);
    }
}
