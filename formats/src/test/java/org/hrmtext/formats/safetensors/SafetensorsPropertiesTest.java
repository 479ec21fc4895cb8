package org.hrmtext.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.HostTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Properties of the safetensors reader on generated files (QuickTheories, fixed seed): what the
 * writer writes reads back bit for bit; a written file with bytes overwritten, cut short or
 * extended either reads or fails with one {@link InvalidInputException} naming the file (never
 * another exception); a hand-made header with random offsets is accepted only when its tensors
 * tile the data without overlaps or gaps.
 */
class SafetensorsPropertiesTest {
    private static final long SEED = 20261202L;

    @TempDir
    Path dir;

    @Test
    void writtenTensorsReadBackBitForBit() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(tensorSets()).checkAssert(tensors -> {
            Path file = write(tensors);
            Map<String, HostTensor> read = Safetensors.read(file);
            assertEquals(tensors.size(), read.size());
            for (HostTensor t : tensors) {
                HostTensor back = read.get(t.name());
                assertArrayEquals(t.shape(), back.shape(), t.name());
                for (int i = 0; i < t.data().length; i++) {
                    assertEquals(Float.floatToRawIntBits(t.data()[i]), Float.floatToRawIntBits(back.data()[i]), t.name());
                }
            }
        });
    }

    @Test
    void corruptedFilesReadOrFailNamingTheFile() {
        Gen<int[]> edits = integers().between(0, 1 << 20).zip(integers().between(0, 255), integers().between(0, 3),
                (at, value, kind) -> new int[] {at, value, kind});
        qt().withFixedSeed(SEED).withExamples(600).forAll(tensorSets(), edits).checkAssert((tensors, e) -> {
            Path file = write(tensors);
            byte[] bytes = readAll(file);
            writeAll(file, corrupt(bytes, e[0], e[1], e[2]));
            try {
                Safetensors.read(file);
            } catch (InvalidInputException ex) {
                assertTrue(ex.getMessage().startsWith(file + ": "), ex.getMessage());
                assertEquals(1, ex.getMessage().lines().count(), ex.getMessage());
            }
        });
    }

    @Test
    void randomOffsetsAreAcceptedOnlyWhenTheyTileTheData() {
        Gen<long[]> offsets = in -> {
            long[] o = new long[6];
            for (int i = 0; i < o.length; i++) {
                o[i] = in.next(Constraint.between(0, 40));
            }
            return o;
        };
        qt().withFixedSeed(SEED).withExamples(1500).forAll(offsets, integers().between(0, 48)).checkAssert((o, dataBytes) -> {
            StringBuilder header = new StringBuilder("{");
            List<long[]> ranges = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long from = Math.min(o[2 * i], o[2 * i + 1]);
                long to = Math.max(o[2 * i], o[2 * i + 1]) / 4 * 4;
                to = Math.max(from, from + (to - from) / 4 * 4);
                ranges.add(new long[] {from, to});
                header.append(i == 0 ? "" : ",").append(RawSafetensors.entry("t" + i, "F32", "[" + (to - from) / 4 + "]", from, to));
            }
            header.append('}');
            Path file = dir.resolve("random.safetensors");
            boolean tiles = tiles(ranges, dataBytes);
            try {
                RawSafetensors.write(file, header.toString(), new byte[dataBytes]);
                Safetensors.read(file);
                assertTrue(tiles, "accepted " + header + " with " + dataBytes + " data bytes");
            } catch (InvalidInputException ex) {
                assertTrue(!tiles, "refused " + header + " with " + dataBytes + " data bytes: " + ex.getMessage());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    /** The spec's rule, written independently of the reader: every byte owned once, gaps below the alignment. */
    private static boolean tiles(List<long[]> ranges, long dataBytes) {
        boolean[] used = new boolean[(int) Math.max(dataBytes, 64)];
        for (long[] r : ranges) {
            if (r[1] > dataBytes) {
                return false;
            }
            for (long b = r[0]; b < r[1]; b++) {
                if (used[(int) b]) {
                    return false;
                }
                used[(int) b] = true;
            }
        }
        int run = 0;
        for (int b = 0; b < dataBytes; b++) {
            run = used[b] ? 0 : run + 1;
            if (run >= SafetensorsRanges.ALIGNMENT) {
                return false;
            }
        }
        return true;
    }

    private static byte[] corrupt(byte[] bytes, int at, int value, int kind) {
        int i = at % bytes.length;
        switch (kind) {
            case 0: {
                byte[] out = bytes.clone();
                out[i] = (byte) value;
                return out;
            }
            case 1: return Arrays.copyOf(bytes, i);
            case 2: {
                byte[] out = Arrays.copyOf(bytes, bytes.length + 1 + value % 16);
                out[bytes.length] = (byte) value;
                return out;
            }
            default: {
                byte[] out = bytes.clone();
                ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, at);
                return out;
            }
        }
    }

    private Path write(List<HostTensor> tensors) {
        Path file = dir.resolve("model.safetensors");
        try {
            SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAll(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One to four tensors with distinct names, up to three dimensions of up to 5, any float bits. */
    private static Gen<List<HostTensor>> tensorSets() {
        return in -> {
            int n = (int) in.next(Constraint.between(1, 4));
            List<HostTensor> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(tensor(in, "layer." + i + ".w"));
            }
            return out;
        };
    }

    private static HostTensor tensor(RandomnessSource in, String name) {
        int[] shape = new int[(int) in.next(Constraint.between(0, 3))];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = (int) in.next(Constraint.between(1, 5));
        }
        float[] data = new float[(int) HostTensor.numel(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = Float.intBitsToFloat((int) in.next(Constraint.between(Integer.MIN_VALUE, Integer.MAX_VALUE)));
        }
        return new HostTensor(name, shape, data);
    }
}
