package org.hrmtext.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hrmtext.domain.model.HostTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding of half-precision tensors and the writer/reader round trip. */
class SafetensorsFormatTest {
    @TempDir
    Path dir;

    @Test
    void bf16IsTheHighHalfOfAFloat32() throws IOException {
        // 1.0, -2.5, 3.140625, smallest normal bf16, -0.0, +inf
        Path file = RawSafetensors.write(dir.resolve("bf16.safetensors"),
                "{" + RawSafetensors.entry("t", "BF16", "[2,3]", 0, 12) + "}",
                RawSafetensors.halves(0x3F80, 0xC020, 0x4049, 0x0080, 0x8000, 0x7F80));
        HostTensor t = Safetensors.read(file).get("t");
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new float[] {1f, -2.5f, 3.140625f, 0x1p-126f, -0f, Float.POSITIVE_INFINITY}, t.data());
    }

    @Test
    void f16DecodesNormalsSubnormalsInfinityAndNan() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("f16.safetensors"),
                "{\"__metadata__\":{\"format\":\"pt\"}," + RawSafetensors.entry("t", "F16", "[8]", 0, 16) + "}",
                RawSafetensors.halves(0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0001, 0x8400, 0xFC00, 0x7E00));
        float[] d = Safetensors.read(file).get("t").data();
        assertArrayEquals(new float[] {1f, -2f, 0.33325195f, 65504f, 0x1p-24f, -0x1p-14f, Float.NEGATIVE_INFINITY,
            Float.NaN}, d);
    }

    @Test
    void writerThenReaderIsBitExact() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        float[] big = new float[3 * 5 * 7];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) rng.nextGaussian();
        }
        float[] edge = {Float.MIN_VALUE, -Float.MAX_VALUE, -0f, 1e-30f, Float.POSITIVE_INFINITY, 0.1f};
        List<HostTensor> tensors = List.of(new HostTensor("z.big", new int[] {3, 5, 7}, big),
                new HostTensor("a.edge", new int[] {6}, edge), new HostTensor("m.scalar", new int[] {}, new float[] {42f}));
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of("backend", "test"));
        Map<String, HostTensor> read = Safetensors.read(file);
        assertEquals(List.of("a.edge", "m.scalar", "z.big"), List.copyOf(read.keySet()), "sorted by name");
        for (HostTensor t : tensors) {
            HostTensor back = read.get(t.name());
            assertArrayEquals(t.shape(), back.shape());
            for (int i = 0; i < t.data().length; i++) {
                assertEquals(Float.floatToRawIntBits(t.data()[i]), Float.floatToRawIntBits(back.data()[i]),
                        t.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void writerIsByteReproducibleWithAnAlignedHeader() throws IOException {
        List<HostTensor> tensors = List.of(new HostTensor("b", new int[] {2}, new float[] {1, 2}),
                new HostTensor("a", new int[] {1}, new float[] {3}));
        Path one = dir.resolve("one.safetensors");
        Path two = dir.resolve("two.safetensors");
        SafetensorsWriter.write(one, tensors, Map.of());
        SafetensorsWriter.write(two, List.of(tensors.get(1), tensors.get(0)), Map.of());
        byte[] bytes = Files.readAllBytes(one);
        assertArrayEquals(bytes, Files.readAllBytes(two));
        long headerLength = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        assertEquals(8 + headerLength + 12, bytes.length);
    }
}
