package org.hrmtext.domain.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.json.Json;

/**
 * Reads safetensors files (F32, BF16, F16; converted to float32) with checks that name the file
 * and tensor: a truncated file, a bad header, offsets outside the data, a size that does not
 * match the shape, an unsupported dtype, tensors that overlap or leave unused bytes
 * ({@link SafetensorsRanges}), a name given twice. Writing is in {@link SafetensorsWriter}.
 */
public final class Safetensors {
    private Safetensors() {
    }

    /** All tensors of a file, in header order. */
    public static Map<String, HostTensor> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new InvalidInputException(file + ": truncated: " + size + " bytes, expected at least the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > size - 8 || headerLen > 100_000_000) {
                throw new InvalidInputException(file + ": bad or truncated header: header length " + headerLen
                        + " but the file has " + size + " bytes");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headerBuf, 8);
            Map<String, Object> header;
            try {
                header = Json.parseObject(new String(headerBuf.array(), StandardCharsets.UTF_8).trim());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(file + ": bad header: " + e.getMessage(), e);
            }
            long dataStart = 8 + headerLen;
            SafetensorsRanges.check(file, header, size - dataStart);
            Map<String, HostTensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                out.put(e.getKey(), readTensor(file, ch, e.getKey(), e.getValue(), dataStart, size));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static HostTensor readTensor(Path file, FileChannel ch, String name, Object entry, long dataStart, long size)
            throws IOException {
        String where = file + ": tensor " + name;
        if (!(entry instanceof Map)) {
            throw new InvalidInputException(where + ": bad header entry (expected {dtype, shape, data_offsets})");
        }
        Map<String, Object> m = (Map<String, Object>) entry;
        Object dtype = m.get("dtype");
        int width;
        if ("F32".equals(dtype)) {
            width = 4;
        } else if ("BF16".equals(dtype) || "F16".equals(dtype)) {
            width = 2;
        } else {
            throw new InvalidInputException(where + ": unsupported dtype " + dtype + " (expected F32, BF16 or F16)");
        }
        int[] shape = longs(where, "shape", m.get("shape"));
        int[] offsets = longs(where, "data_offsets", m.get("data_offsets"));
        if (offsets.length != 2 || offsets[0] < 0 || offsets[1] < offsets[0]) {
            throw new InvalidInputException(where + ": bad data_offsets " + m.get("data_offsets"));
        }
        long numel = HostTensor.numel(shape);
        if ((long) offsets[1] - offsets[0] != numel * width) {
            throw new InvalidInputException(where + ": data_offsets span " + (offsets[1] - offsets[0])
                    + " bytes but shape " + m.get("shape") + " of " + dtype + " needs " + numel * width);
        }
        if (dataStart + offsets[1] > size) {
            throw new InvalidInputException(where + ": truncated: data ends at byte " + (dataStart + offsets[1])
                    + " but the file has " + size + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (numel * width)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + offsets[0]);
        buf.flip();
        float[] data = new float[(int) numel];
        if (width == 4) {
            buf.asFloatBuffer().get(data);
        } else if ("BF16".equals(dtype)) {
            for (int i = 0; i < data.length; i++) {
                data[i] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
            }
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = halfToFloat(buf.getShort());
            }
        }
        return new HostTensor(name, shape, data);
    }

    /** IEEE 754 half precision to float (normals, subnormals, infinities, NaN). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static int[] longs(String where, String key, Object v) {
        if (!(v instanceof List)) {
            throw new InvalidInputException(where + ": bad header entry: " + key + " must be an array of integers");
        }
        List<?> list = (List<?>) v;
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (!(o instanceof Long) || (Long) o < 0 || (Long) o > Integer.MAX_VALUE) {
                throw new InvalidInputException(where + ": bad header entry: " + key + " must be an array of integers");
            }
            out[i] = (int) (long) (Long) o;
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }
}
