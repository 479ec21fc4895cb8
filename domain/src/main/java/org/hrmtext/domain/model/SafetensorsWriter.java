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
 * Writes float32 tensors as a safetensors file (header padded to 8 bytes, tensors sorted by
 * name), byte-reproducible for the same tensors and metadata.
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {
    }

    public static void write(Path file, Collection<HostTensor> tensors, Map<String, String> metadata) throws IOException {
        List<HostTensor> sorted = tensors.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (HostTensor t : sorted) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            entry.put("shape", java.util.Arrays.stream(t.shape()).boxed().toList());
            entry.put("data_offsets", List.of(offset, offset + 4L * t.data().length));
            header.put(t.name(), entry);
            offset += 4L * t.data().length;
        }
        byte[] h = JsonWriter.compact(header).getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(h);
            out.write(" ".repeat(padded - h.length).getBytes(StandardCharsets.US_ASCII));
            for (HostTensor t : sorted) {
                ByteBuffer buf = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(t.data());
                out.write(buf.array());
            }
        }
    }
}
