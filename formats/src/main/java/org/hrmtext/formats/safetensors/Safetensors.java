package org.hrmtext.formats.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.json.Json;

/**
 * Reads safetensors files (F32, BF16, F16; converted to float32) with checks that name the file
 * and tensor: a truncated file, a bad header, offsets outside the data, a size that does not
 * match the shape, an unsupported dtype, tensors that overlap or leave unused bytes
 * ({@link SafetensorsRanges}), a name given twice. The header is parsed and checked once ({@link #header});
 * tensor data is read separately, a whole tensor or a run of its values ({@link #values}), straight
 * from the file into the float array it becomes, so a large file is never held twice. Writing is
 * in {@link SafetensorsWriter}.
 */
public final class Safetensors {
    private static final int CHUNK = 1 << 22;

    private Safetensors() {
    }

    /** One tensor's header entry: dtype, shape and its byte range relative to the data section. */
    public record Entry(String name, String dtype, int[] shape, long begin, long end) {
        public Entry {
            shape = shape.clone();
        }

        /** Bytes per value. */
        public int width() {
            return dtype.equals("F32") ? 4 : 2;
        }

        public long numel() {
            return HostTensor.numel(shape);
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /** A checked header: where data starts, the file's size and time when read, the entries in file order. */
    public record Header(Path file, long dataStart, long size, FileTime modified, Map<String, Entry> entries) {
        public Header {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** All tensors of a file, in header order. */
    public static Map<String, HostTensor> read(Path file) {
        Header h = header(file);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Entry e : h.entries().values()) {
            out.put(e.name(), new HostTensor(e.name(), e.shape(), values(h, e, 0, (int) e.numel())));
        }
        return out;
    }

    /** Parses and checks the header of a file (every entry's dtype, shape and byte range); reads no tensor data. */
    public static Header header(Path file) {
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
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : header.entrySet()) {
                if (!e.getKey().equals("__metadata__")) {
                    entries.put(e.getKey(), entry(file, e.getKey(), e.getValue(), dataStart, size));
                } else if (!(e.getValue() instanceof Map)) {
                    throw new InvalidInputException(file + ": bad header: __metadata__ must be an object of strings");
                }
            }
            SafetensorsRanges.check(file, header, size - dataStart);
            return new Header(file, dataStart, size, Files.getLastModifiedTime(file), entries);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Entry entry(Path file, String name, Object value, long dataStart, long size) {
        String where = file + ": tensor " + name;
        if (!(value instanceof Map)) {
            throw new InvalidInputException(where + ": bad header entry (expected {dtype, shape, data_offsets})");
        }
        Map<String, Object> m = (Map<String, Object>) value;
        Object dtype = m.get("dtype");
        if (!"F32".equals(dtype) && !"BF16".equals(dtype) && !"F16".equals(dtype)) {
            throw new InvalidInputException(where + ": unsupported dtype " + dtype + " (expected F32, BF16 or F16)");
        }
        int width = "F32".equals(dtype) ? 4 : 2;
        int[] shape = ints(where, "shape", m.get("shape"));
        long[] offsets = longs(where, "data_offsets", m.get("data_offsets"));
        if (offsets.length != 2 || offsets[0] < 0 || offsets[1] < offsets[0]) {
            throw new InvalidInputException(where + ": bad data_offsets " + m.get("data_offsets"));
        }
        long numel = HostTensor.numel(shape);
        if (offsets[1] - offsets[0] != numel * width) {
            throw new InvalidInputException(where + ": data_offsets span " + (offsets[1] - offsets[0])
                    + " bytes but shape " + m.get("shape") + " of " + dtype + " needs " + numel * width);
        }
        if (dataStart + offsets[1] > size) {
            throw new InvalidInputException(where + ": truncated: data ends at byte " + (dataStart + offsets[1])
                    + " but the file has " + size + " bytes");
        }
        return new Entry(name, (String) dtype, shape, offsets[0], offsets[1]);
    }

    /**
     * Values {@code [first, first + count)} of a tensor (row-major), as float32, read in bounded
     * chunks straight into the result. Fails when the file changed since its header was read.
     */
    public static float[] values(Header h, Entry e, long first, int count) {
        if (first < 0 || count < 0 || first + count > e.numel()) {
            throw new IllegalArgumentException("values [" + first + ", " + (first + count) + ") of " + e.name()
                    + " outside its " + e.numel());
        }
        float[] out = new float[count];
        int width = e.width();
        try (FileChannel ch = FileChannel.open(h.file(), StandardOpenOption.READ)) {
            if (ch.size() != h.size() || !Files.getLastModifiedTime(h.file()).equals(h.modified())) {
                throw new InvalidInputException(h.file() + ": changed while being read (tensor " + e.name() + ")");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min((long) count * width, CHUNK)).order(ByteOrder.LITTLE_ENDIAN);
            long position = h.dataStart() + e.begin() + first * width;
            int done = 0;
            while (done < count) {
                int n = Math.min(count - done, buf.capacity() / width);
                buf.clear().limit(n * width);
                readFully(ch, buf, position);
                buf.flip();
                decode(e.dtype(), buf, out, done, n);
                done += n;
                position += (long) n * width;
            }
        } catch (NoSuchFileException ex) {
            throw new InvalidInputException(h.file() + ": file not found (tensor " + e.name() + ")");
        } catch (IOException ex) {
            throw new InvalidInputException(h.file() + ": tensor " + e.name() + ": cannot read: " + ex.getMessage(), ex);
        }
        return out;
    }

    private static void decode(String dtype, ByteBuffer buf, float[] out, int at, int n) {
        if (dtype.equals("F32")) {
            buf.asFloatBuffer().get(out, at, n);
        } else if (dtype.equals("BF16")) {
            for (int i = 0; i < n; i++) {
                out[at + i] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[at + i] = halfToFloat(buf.getShort());
            }
        }
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

    private static int[] ints(String where, String key, Object v) {
        long[] values = longs(where, key, v);
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            if (values[i] > Integer.MAX_VALUE) {
                throw new InvalidInputException(where + ": bad header entry: " + key + " must be an array of integers");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    /** Non-negative integers; byte offsets of files over 2 GB exceed an int. */
    private static long[] longs(String where, String key, Object v) {
        if (!(v instanceof List)) {
            throw new InvalidInputException(where + ": bad header entry: " + key + " must be an array of integers");
        }
        List<?> list = (List<?>) v;
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (!(o instanceof Long) || (Long) o < 0) {
                throw new InvalidInputException(where + ": bad header entry: " + key + " must be an array of integers");
            }
            out[i] = (Long) o;
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
