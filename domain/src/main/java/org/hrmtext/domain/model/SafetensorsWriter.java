package org.hrmtext.domain.model;

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
import org.hrmtext.domain.json.JsonWriter;

/**
 * Writes tensors as a safetensors file, float32 or bfloat16 (header padded to 8 bytes, tensors
 * sorted by name), byte-reproducible for the same tensors and metadata.
 */
public final class SafetensorsWriter {
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
        List<HostTensor> sorted = tensors.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (HostTensor t : sorted) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", java.util.Arrays.stream(t.shape()).boxed().toList());
            entry.put("data_offsets", List.of(offset, offset + (long) dtype.width * t.data().length));
            header.put(t.name(), entry);
            offset += (long) dtype.width * t.data().length;
        }
        byte[] h = JsonWriter.compact(header).getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(h);
            out.write(" ".repeat(padded - h.length).getBytes(StandardCharsets.US_ASCII));
            for (HostTensor t : sorted) {
                ByteBuffer buf = ByteBuffer.allocate(dtype.width * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                if (dtype == Dtype.F32) {
                    buf.asFloatBuffer().put(t.data());
                } else {
                    for (float v : t.data()) {
                        buf.putShort(toBf16(v));
                    }
                }
                out.write(buf.array());
            }
        }
    }
}
