package org.hrmtext.formats.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes safetensors files byte by byte, so tests can build broken and non-F32 ones. */
final class RawSafetensors {
    private RawSafetensors() {
    }

    /** Length prefix (as given), header text, then data. */
    static Path write(Path file, long declaredHeaderLength, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(declaredHeaderLength).put(h).put(data);
        return Files.write(file, buf.array());
    }

    static Path write(Path file, String header, byte[] data) throws IOException {
        return write(file, header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    /** Little-endian 16-bit words, as BF16 and F16 tensors are stored. */
    static byte[] halves(int... words) {
        ByteBuffer buf = ByteBuffer.allocate(2 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            buf.putShort((short) w);
        }
        return buf.array();
    }

    static String entry(String name, String dtype, String shape, long from, long to) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + from + ","
                + to + "]}";
    }
}
