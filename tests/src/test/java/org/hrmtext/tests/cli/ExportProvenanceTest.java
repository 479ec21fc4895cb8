package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the outputs of issue 15 item 7: the same model exports to the same bytes (ONNX and
 * Hugging Face) wherever it sits, the exported files name the model by its directory name and
 * digest, never by a local path, and an exported {@code .onnx} gets the umask's mode like every
 * other file the tool writes.
 */
class ExportProvenanceTest {
    @TempDir
    Path dir;

    private Path copyAt(String parent) {
        return new GoldenInputs(dir.resolve(parent)).weights().getParent();
    }

    @Test
    void onnxExportIsTheSameBytesWhereverTheModelSits() throws IOException {
        Path a = copyAt("first");
        Path b = copyAt("second/deeper");
        Hrm.run("export-onnx", "--model", a, "--out", dir.resolve("a.onnx")).succeeded();
        Hrm.run("export-onnx", "--model", b, "--out", dir.resolve("b.onnx")).succeeded();
        byte[] first = Files.readAllBytes(dir.resolve("a.onnx"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("b.onnx")), "same model, two places, same bytes");
        String text = new String(first, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(dir.toString()), "no local path in the export");
        String inspected = Hrm.run("inspect", dir.resolve("a.onnx")).succeeded().out();
        assertEquals(1, inspected.lines().filter(l -> l.matches(".*source_checkpoint\\s+model\\s*")).count(), inspected);
        assertEquals(1, inspected.lines().filter(l -> l.matches(".*source_sha256\\s+[0-9a-f]{64}\\s*")).count(), inspected);
    }

    @Test
    void hfExportIsTheSameBytesWhereverTheModelSits() throws IOException {
        Path a = copyAt("first");
        Path b = copyAt("second/deeper");
        Hrm.run("export-hf", "--model", a, "--out", dir.resolve("hf-a")).succeeded();
        Hrm.run("export-hf", "--model", b, "--out", dir.resolve("hf-b")).succeeded();
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("hf-a").resolve(file)),
                    Files.readAllBytes(dir.resolve("hf-b").resolve(file)), file);
        }
        String header = new String(Files.readAllBytes(dir.resolve("hf-a/model.safetensors")), StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("\"source_checkpoint\":\"model\""), "source name in the metadata");
        assertTrue(header.matches("(?s).*\"source_sha256\":\"[0-9a-f]{64}\".*"), "source digest in the metadata");
        assertFalse(header.contains(dir.toString()), "no local path in the export");
    }

    @Test
    void exportedOnnxFollowsTheUmask() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createFile(dir.resolve("reference"));
        Hrm.run("export-onnx", "--model", copyAt("src"), "--out", dir.resolve("m.onnx")).succeeded();
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertEquals(expected, Files.getPosixFilePermissions(dir.resolve("m.onnx")), "mode of m.onnx");
    }
}
