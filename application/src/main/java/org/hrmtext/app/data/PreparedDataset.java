package org.hrmtext.app.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;

/**
 * A dataset written by {@code hrm prepare}, read through memory maps ({@link FileChannel#map}):
 * its samples as a list view over {@code tokens.bin} and {@code samples.bin} (see
 * {@link DatasetWriter} for the layout), and the sample order of each epoch from
 * {@code order-<epoch>.bin}, or, past the epochs written, the same seeded shuffle computed on the fly.
 * Each file may hold up to 2 GiB.
 *
 * <pre>{@code
 * PreparedDataset data = PreparedDataset.open(Path.of("data/prepared"));
 * List<PackedBatch> epoch0 = packer.pack(data.samples(), data.order(0));
 * }</pre>
 */
public final class PreparedDataset {
    public static final String TOKENS = "tokens.bin";
    public static final String SAMPLES = "samples.bin";
    public static final String STATS = "stats.json";
    private static final int ENTRY = Long.BYTES + 2 * Integer.BYTES;

    private final Path dir;
    private final DatasetManifest manifest;
    private final IntBuffer tokens;
    private final ByteBuffer entries;

    private PreparedDataset(Path dir, DatasetManifest manifest, IntBuffer tokens, ByteBuffer entries) {
        this.dir = dir;
        this.manifest = manifest;
        this.tokens = tokens;
        this.entries = entries;
    }

    static String orderFile(int epoch) {
        return "order-" + epoch + ".bin";
    }

    /** Whether {@code path} is a prepared dataset directory. */
    public static boolean isPrepared(Path path) {
        return Files.isRegularFile(path.resolve(DatasetManifest.FILE));
    }

    /** Maps a prepared dataset and checks its files against {@code dataset.json}. */
    public static PreparedDataset open(Path dir) {
        DatasetManifest m = DatasetManifest.read(dir.resolve(DatasetManifest.FILE));
        IntBuffer tokens = map(dir.resolve(TOKENS), m.tokens() * Integer.BYTES).asIntBuffer();
        ByteBuffer entries = map(dir.resolve(SAMPLES), (long) m.samples() * ENTRY);
        for (int i = 0; i < m.samples(); i++) {
            long offset = entries.getLong(i * ENTRY);
            int il = entries.getInt(i * ENTRY + Long.BYTES);
            int rl = entries.getInt(i * ENTRY + Long.BYTES + Integer.BYTES);
            if (offset < 0 || il < 1 || rl < 1 || offset + il + rl > m.tokens()) {
                throw new InvalidInputException(dir.resolve(SAMPLES) + ": sample " + i + " (offset " + offset + ", lengths "
                        + il + ", " + rl + ") does not lie in the " + m.tokens() + " tokens of " + TOKENS);
            }
        }
        return new PreparedDataset(dir, m, tokens, entries);
    }

    public DatasetManifest manifest() {
        return manifest;
    }

    public Path directory() {
        return dir;
    }

    /** The samples, read from the maps on access. */
    public List<Sample> samples() {
        return new SampleView();
    }

    /** The sample order of {@code epoch}: the prepared file, or the same seeded shuffle past the prepared epochs. */
    public int[] order(int epoch) {
        if (epoch >= manifest.epochs()) {
            return SamplePacker.epochOrder(manifest.samples(), manifest.seed(), epoch);
        }
        int[] order = new int[manifest.samples()];
        map(dir.resolve(orderFile(epoch)), (long) order.length * Integer.BYTES).asIntBuffer().get(order);
        return order;
    }

    private static ByteBuffer map(Path file, long expectedBytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != expectedBytes) {
                throw new InvalidInputException(file + ": expected " + expectedBytes + " bytes (from " + DatasetManifest.FILE
                        + "), found " + ch.size());
            }
            if (expectedBytes > Integer.MAX_VALUE) {
                throw new InvalidInputException(file + ": " + expectedBytes + " bytes; a prepared file may hold at most 2 GiB");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, expectedBytes).order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found (the prepared dataset is incomplete)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The samples as a random-access list over the maps. */
    private final class SampleView extends AbstractList<Sample> implements RandomAccess {
        @Override
        public Sample get(int i) {
            int at = Objects.checkIndex(i, size()) * ENTRY;
            int offset = (int) entries.getLong(at);
            int[] instruction = new int[entries.getInt(at + Long.BYTES)];
            int[] response = new int[entries.getInt(at + Long.BYTES + Integer.BYTES)];
            tokens.get(offset, instruction);
            tokens.get(offset + instruction.length, response);
            return new Sample(instruction, response);
        }

        @Override
        public int size() {
            return manifest.samples();
        }
    }
}
