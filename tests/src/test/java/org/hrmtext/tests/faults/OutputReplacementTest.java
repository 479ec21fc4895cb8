package org.hrmtext.tests.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.cli.Hrm;
import org.hrmtext.golden.GoldenCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other side of the fault suite's "never overwrite the user's file": an output file that hrm
 * wrote earlier (a score report, a logits file, an ONNX export) is replaced by a rerun with the
 * same arguments, with the same bytes.
 */
class OutputReplacementTest {
    private static final GoldenCase GOLDEN = GoldenCase.load("golden/hrm");

    @TempDir
    Path dir;

    @Test
    void scoreReplacesItsOwnReportAndLogits() throws IOException {
        Path out = dir.resolve("score.json");
        Path logits = dir.resolve("logits.safetensors");
        Object[] args = {"score", "--model", GOLDEN.dir(), "--batch", GOLDEN.dir().resolve("batch.json"), "--threads", 1,
            "--out", out, "--logits", logits};
        Hrm.run(args).succeeded();
        byte[] first = Files.readAllBytes(logits);
        Hrm.run(args).succeeded();
        assertArrayEquals(first, Files.readAllBytes(logits));
        assertTrue(Files.readString(out).contains("\"loss\""));
    }

    @Test
    void exportReplacesItsOwnOnnxFile() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.copy(GOLDEN.dir().resolve("config.json"), model.resolve("config.json"));
        Files.copy(GOLDEN.dir().resolve("model.safetensors"), model.resolve("model.safetensors"));
        Path onnx = dir.resolve("out").resolve("model.onnx");
        Hrm.run("export-onnx", "--model", model, "--out", onnx).succeeded();
        byte[] first = Files.readAllBytes(onnx);
        Hrm.run("export-onnx", "--model", model, "--out", onnx).succeeded();
        assertArrayEquals(first, Files.readAllBytes(onnx));
    }
}
