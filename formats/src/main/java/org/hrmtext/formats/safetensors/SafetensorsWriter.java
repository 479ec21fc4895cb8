package org.hrmtext.formats.safetensors;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.json.JsonWriter;

/**
 * Writes tensors as a safetensors file, float32 or bfloat16 (header padded to 8 bytes, tensors
 * sorted by name), byte-reproducible for the same tensors and metadata.
 */
public final class SafetensorsWriter {
    /** Values converted and written per chunk, so a tensor's bytes are never held whole. */
    private static final int CHUNK_VALUES = 1 << 18;

    private SafetensorsWriter() {
    }

    /** Float to bfloat16 bits, round to nearest even; NaN stays NaN. */
    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** Storage types this writer can produce; values are rounded to nearest even when narrowing. */
    public enum Dtype {
        F32(4),
        BF16(2);

        private final int width;

        Dtype(int width) {
            this.width = width;
        }
    }

    public static void write(Path file, Collection<HostTensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, Dtype.F32);
    }

    public static void write(Path file, Collection<HostTensor> tensors, Map<String, String> metadata, Dtype dtype)
            throws IOException {
        Map<String, HostTensor> byName = new LinkedHashMap<>();
        List<Slot> slots = new java.util.ArrayList<>();
        for (HostTensor t : tensors) {
            byName.put(t.name(), t);
            slots.add(new Slot(t.name(), t.shape()));
        }
        write(file, slots, byName::get, metadata, dtype);
    }

    /** A tensor to write: its name and shape; its values come when it is written. */
    public record Slot(String name, int[] shape) {
        public Slot {
            shape = shape.clone();
        }

        long numel() {
            return HostTensor.numel(shape);
        }
    }

    /**
     * Writes the tensors of {@code slots}, taking each one's values from {@code values} only when
     * it is written, so one tensor at a time is in memory (the header needs only names and shapes).
     */
    public static void write(Path file, List<Slot> slots, Function<String, HostTensor> values, Map<String, String> metadata,
            Dtype dtype) throws IOException {
        List<Slot> sorted = slots.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Slot t : sorted) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", java.util.Arrays.stream(t.shape()).boxed().toList());
            entry.put("data_offsets", List.of(offset, offset + dtype.width * t.numel()));
            header.put(t.name(), entry);
            offset += dtype.width * t.numel();
        }
        byte[] h = JsonWriter.compact(header).getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(h);
            out.write(" ".repeat(padded - h.length).getBytes(StandardCharsets.US_ASCII));
            ByteBuffer buf = ByteBuffer.allocate(CHUNK_VALUES * dtype.width).order(ByteOrder.LITTLE_ENDIAN);
            for (Slot slot : sorted) {
                float[] data = values.apply(slot.name()).data();
                if (data.length != slot.numel()) {
                    throw new IllegalArgumentException("tensor " + slot.name() + ": " + data.length + " values for shape "
                            + java.util.Arrays.toString(slot.shape()));
                }
                for (int from = 0; from < data.length; from += CHUNK_VALUES) {
                    int to = Math.min(data.length, from + CHUNK_VALUES);
                    buf.clear();
                    for (int i = from; i < to; i++) {
                        if (dtype == Dtype.F32) {
                            buf.putFloat(data[i]);
                        } else {
                            buf.putShort(toBf16(data[i]));
                        }
                    }
                    out.write(buf.array(), 0, buf.position());
                }
            }
        }
    }
}
