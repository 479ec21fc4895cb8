package org.hrmtext.app.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hrmtext.domain.InvalidInputException;

/**
 * One-dimensional little-endian {@code int32}/{@code int64} arrays in numpy's {@code .npy} format
 * (NEP 1, version 1.0): the magic {@code \x93NUMPY}, version, a 2-byte header length, then a
 * Python-literal header {@code {'descr': '<i4', 'fortran_order': False, 'shape': (N,), }} padded
 * with spaces and a newline to {@value #HEADER} bytes (a multiple of 64), then the values.
 * {@link Writer} streams values whose count is known only at the end: the header is written last,
 * in the space reserved for it. {@link #open} reads such a file back (any header length, version 1–3).
 */
final class NpyFile {
    static final int HEADER = 128;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DICT = Pattern.compile(
            "\\{'descr': '([<>|]?[a-z]\\d+)', 'fortran_order': (True|False), 'shape': \\((\\d+),\\), *\\}\\s*");

    private NpyFile() {
    }

    /** The element type: numpy's {@code descr} and its size. */
    enum Dtype {
        INT32("<i4", Integer.BYTES), INT64("<i8", Long.BYTES);

        final String descr;
        final int bytes;

        Dtype(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }
    }

    /** A {@code .npy} file being written: values, then (on close) the header with their count. */
    static final class Writer implements AutoCloseable {
        private final Path file;
        private final Dtype dtype;
        private final LittleEndianOutput out;
        private long count;

        Writer(Path file, Dtype dtype) throws IOException {
            this.file = file;
            this.dtype = dtype;
            this.out = new LittleEndianOutput(file);
            for (int i = 0; i < HEADER / Long.BYTES; i++) {
                out.writeLong(0);
            }
        }

        void writeInt(int v) throws IOException {
            if (dtype != Dtype.INT32) {
                throw new IllegalStateException(file + " holds " + dtype);
            }
            out.writeInt(v);
            count++;
        }

        void writeLong(long v) throws IOException {
            if (dtype != Dtype.INT64) {
                throw new IllegalStateException(file + " holds " + dtype);
            }
            out.writeLong(v);
            count++;
        }

        @Override
        public void close() throws IOException {
            out.close();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer header = header(dtype, count);
                while (header.hasRemaining()) {
                    ch.write(header, header.position());
                }
            }
        }
    }

    static ByteBuffer header(Dtype dtype, long count) {
        String dict = "{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': (" + count + ",), }";
        StringBuilder text = new StringBuilder(dict);
        while (MAGIC.length + 4 + text.length() < HEADER - 1) {
            text.append(' ');
        }
        text.append('\n');
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.toString().getBytes(StandardCharsets.US_ASCII));
        return b.flip();
    }

    /** A mapped one-dimensional array of {@code dtype}; the header must say exactly that. */
    record Array(ByteBuffer values, int length, Dtype dtype) {
        long get(int i) {
            return dtype == Dtype.INT64 ? values.getLong(i * Long.BYTES) : values.getInt(i * Integer.BYTES);
        }
    }

    static Array open(Path file, Dtype dtype) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lead = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(lead, 0);
            lead.flip();
            byte[] magic = new byte[MAGIC.length];
            if (lead.remaining() < 10) {
                throw new InvalidInputException(file + ": not a .npy file (too short)");
            }
            lead.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(file + ": not a .npy file (no \\x93NUMPY magic)");
            }
            int major = lead.get();
            lead.get();
            long headerLength = major == 1 ? Short.toUnsignedInt(lead.getShort()) : Integer.toUnsignedLong(lead.getInt());
            long dataStart = (major == 1 ? 10 : 12) + headerLength;
            ByteBuffer text = ByteBuffer.allocate((int) headerLength);
            ch.read(text, dataStart - headerLength);
            String dict = new String(text.array(), StandardCharsets.ISO_8859_1);
            Matcher m = DICT.matcher(dict);
            if (!m.matches()) {
                throw new InvalidInputException(file + ": header " + dict.strip() + ": expected a one-dimensional array");
            }
            if (!m.group(1).equals(dtype.descr) || m.group(2).equals("True")) {
                throw new InvalidInputException(file + ": dtype " + m.group(1) + ": expected " + dtype.descr);
            }
            long length = Long.parseLong(m.group(3));
            long bytes = length * dtype.bytes;
            if (ch.size() != dataStart + bytes) {
                throw new InvalidInputException(file + ": expected " + (dataStart + bytes) + " bytes for shape (" + length
                        + ",), found " + ch.size());
            }
            if (bytes > Integer.MAX_VALUE) {
                throw new InvalidInputException(file + ": " + bytes + " bytes of values; this reader maps at most 2 GiB a file");
            }
            return new Array(ch.map(FileChannel.MapMode.READ_ONLY, dataStart, bytes).order(ByteOrder.LITTLE_ENDIAN),
                    (int) length, dtype);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found (the V1 dataset is incomplete)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
