package org.hrmtext.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.TensorFiniteness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken weights file fails with one message naming the file, the tensor and what was expected. */
class SafetensorsErrorsTest {
    @TempDir
    Path dir;

    private void assertMessage(Path file, Runnable read, String... parts) {
        InvalidInputException e = assertThrows(InvalidInputException.class, read::run);
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }

    private Path validFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, List.of(new HostTensor("a.weight", new int[] {2, 3}, new float[6]),
                new HostTensor("b.weight", new int[] {4}, new float[] {1, 2, 3, 4})), Map.of());
        return file;
    }

    @Test
    void truncatedDataNamesTheTensorThatRunsPastTheEnd() throws IOException {
        Path file = validFile();
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 5));
        assertMessage(file, () -> Safetensors.read(file), "tensor b.weight", "truncated");
    }

    @Test
    void fileShorterThanTheLengthPrefixIsTruncated() throws IOException {
        Path file = Files.write(dir.resolve("model.safetensors"), new byte[] {1, 0, 0});
        assertMessage(file, () -> Safetensors.read(file), "truncated", "3 bytes");
    }

    @Test
    void headerLengthBeyondTheFileIsReported() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"), 4096, "{}", new byte[0]);
        assertMessage(file, () -> Safetensors.read(file), "header length 4096", "10 bytes");
    }

    @Test
    void headerThatIsNotJsonIsReportedWithItsPosition() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"), "{\"a.weight\": {\"dtype\" \"F32\"}}",
                new byte[0]);
        assertMessage(file, () -> Safetensors.read(file), "bad header", "line 1, column 23", "expected ':'");
    }

    @Test
    void unsupportedDtypeNamesTensorAndTheSupportedOnes() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"),
                "{" + RawSafetensors.entry("ids", "I64", "[2]", 0, 16) + "}", new byte[16]);
        assertMessage(file, () -> Safetensors.read(file), "tensor ids", "unsupported dtype I64", "F32, BF16 or F16");
    }

    @Test
    void offsetsThatDisagreeWithTheShapeNameTheTensor() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"),
                "{" + RawSafetensors.entry("w", "F32", "[2,2]", 0, 12) + "}", new byte[16]);
        assertMessage(file, () -> Safetensors.read(file), "tensor w", "span 12 bytes", "needs 16");
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent.safetensors");
        assertMessage(file, () -> Safetensors.read(file), "file not found");
    }

    @Test
    void overlappingTensorsAreNamedWithTheirBytes() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"), "{" + RawSafetensors.entry("a", "F32", "[4]", 0, 16)
                + "," + RawSafetensors.entry("b", "F32", "[2]", 8, 16) + "}", new byte[16]);
        assertMessage(file, () -> Safetensors.read(file), "tensors a and b overlap", "[0, 16) and [8, 16)");
    }

    @Test
    void aTensorNameGivenTwiceIsRefused() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"), "{" + RawSafetensors.entry("a", "F32", "[2]", 0, 8)
                + "," + RawSafetensors.entry("a", "F32", "[2]", 8, 16) + "}", new byte[16]);
        assertMessage(file, () -> Safetensors.read(file), "bad header", "duplicate key \"a\"");
    }

    @Test
    void unusedBytesBetweenTensorsAreRefused() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"), "{" + RawSafetensors.entry("a", "F32", "[2]", 0, 8)
                + "," + RawSafetensors.entry("b", "F32", "[2]", 24, 32) + "}", new byte[32]);
        assertMessage(file, () -> Safetensors.read(file), "16 unused bytes in the data before tensor b", "[8, 24)");
    }

    @Test
    void unusedBytesAfterTheLastTensorAreRefused() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"), "{" + RawSafetensors.entry("a", "F32", "[2]", 0, 8)
                + "}", new byte[40]);
        assertMessage(file, () -> Safetensors.read(file), "32 unused bytes after the last tensor");
    }

    @Test
    void paddingBelowTheAlignmentIsAccepted() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"), "{" + RawSafetensors.entry("a", "F16", "[1]", 0, 2)
                + "," + RawSafetensors.entry("b", "F32", "[1]", 8, 12) + "}", new byte[16]);
        assertEquals(2, Safetensors.read(file).size());
    }

    @Test
    void nonFiniteWeightsNameTheFirstBadTensorAndIndex() {
        HostTensor good = new HostTensor("a.weight", new int[] {2, 2}, new float[] {1, 2, 3, 4});
        HostTensor bad = new HostTensor("b.weight", new int[] {2, 3}, new float[] {0, 0, 0, 0, Float.NaN, Float.POSITIVE_INFINITY});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TensorFiniteness.check("m.safetensors", List.of(good, bad)));
        assertTrue(e.getMessage().startsWith("m.safetensors: tensor b.weight holds NaN at index 4 [1, 1]; expected finite values"),
                e.getMessage());
        InvalidInputException inf = assertThrows(InvalidInputException.class,
                () -> TensorFiniteness.check("m", List.of(new HostTensor("c", new int[] {3}, new float[] {0, Float.NEGATIVE_INFINITY, 0}))));
        assertTrue(inf.getMessage().startsWith("m: tensor c holds -Infinity at index 1;"), inf.getMessage());
        TensorFiniteness.check("m", List.of(good));
    }
}
