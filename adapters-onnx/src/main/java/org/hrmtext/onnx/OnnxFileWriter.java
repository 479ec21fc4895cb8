package org.hrmtext.onnx;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.hrmtext.onnx.proto.OnnxProto.ModelProto;
import org.hrmtext.onnx.proto.OnnxProto.TensorProto;

/**
 * Writes a model file atomically (temporary files in the target folder, then renames), so a failed
 * export never leaves a partial file. When the initializers exceed {@code externalAbove} bytes
 * (protobuf cannot hold a message over 2 GiB), every tensor of at least 1 KiB is streamed to
 * {@code FILE.data} beside the model as the graph is built (one tensor in memory at a time), each
 * at an offset aligned to 4 KiB so ONNX Runtime can map it.
 */
final class OnnxFileWriter {
    /** Initializer bytes above which weights go to an external data file. */
    static final long PROTOBUF_LIMIT = 2_000_000_000L;

    private final long externalAbove;

    OnnxFileWriter(long externalAbove) {
        this.externalAbove = externalAbove;
    }

    /**
     * Writes the model that {@code build} makes; {@code build} passes each initializer through the
     * placement it is given and adds what comes back.
     */
    void write(Path out, long initializerBytes, Function<UnaryOperator<TensorProto>, ModelProto> build)
            throws IOException {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        String dataName = target.getFileName() + ".data";
        Path tmpModel = createTemp(dir, "." + target.getFileName());
        Path tmpData = null;
        try {
            ModelProto model;
            if (initializerBytes > externalAbove) {
                tmpData = createTemp(dir, "." + dataName);
                try (ExternalData data = new ExternalData(tmpData, dataName)) {
                    model = build.apply(data::place);
                }
            } else {
                model = build.apply(UnaryOperator.identity());
            }
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmpModel), 1 << 20)) {
                model.writeTo(o);
            }
            if (tmpData != null) {
                Files.move(tmpData, dir.resolve(dataName), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(dir.resolve(dataName));
            }
            Files.move(tmpModel, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(tmpModel);
            if (tmpData != null) {
                Files.deleteIfExists(tmpData);
            }
        }
    }

    /**
     * Creates an empty, uniquely named hidden file in {@code dir}. Unlike {@link Files#createTempFile}
     * (always mode 0600) the file gets the process umask's mode, which the renamed result keeps.
     */
    private static Path createTemp(Path dir, String prefix) throws IOException {
        String stamp = ProcessHandle.current().pid() + "-" + System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                return Files.createFile(dir.resolve(prefix + "." + stamp + "-" + attempt + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Appends tensor bytes to the data file and answers with references to them. */
    private static final class ExternalData implements Closeable {
        private static final int MIN_EXTERNAL_BYTES = 1024;
        private static final int ALIGNMENT = 4096;
        private final OutputStream out;
        private final String location;
        private final byte[] padding = new byte[ALIGNMENT];
        private long offset;

        ExternalData(Path file, String location) throws IOException {
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
            this.location = location;
        }

        TensorProto place(TensorProto t) {
            int size = t.getRawData().size();
            if (size < MIN_EXTERNAL_BYTES) {
                return t;
            }
            try {
                int pad = (int) ((ALIGNMENT - offset % ALIGNMENT) % ALIGNMENT);
                out.write(padding, 0, pad);
                offset += pad;
                t.getRawData().writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TensorProto external = OnnxTensors.external(t, location, offset);
            offset += size;
            return external;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
