package org.hrmtext.app.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;

/**
 * Streams samples into the reference trainer's V1 layout (read by its {@code dataset_new.py}):
 * {@code tokens.npy} (int32: per sample {@code <boq> condition instruction <eoq>} then
 * {@code response <eoa>}), then per epoch {@code epoch_E/inst_start.npy}, {@code inst_len.npy},
 * {@code resp_start.npy}, {@code resp_len.npy} (int64), the sample table permuted by
 * {@link SamplePacker#epochOrder} of the seed and epoch. The table (16 bytes a sample) is held in
 * memory until the orders are written; the tokens are not.
 */
final class V1DatasetWriter implements SampleWriter {
    static final String TOKENS = "tokens.npy";
    static final String[] COLUMNS = {"inst_start", "inst_len", "resp_start", "resp_len"};

    private final Path dir;
    private final NpyFile.Writer tokens;
    private long[] starts = new long[1024];
    private int[] instLengths = new int[1024];
    private int[] respLengths = new int[1024];
    private int count;
    private long tokenCount;

    V1DatasetWriter(Path dir) throws IOException {
        this.dir = dir;
        this.tokens = new NpyFile.Writer(dir.resolve(TOKENS), NpyFile.Dtype.INT32);
    }

    static String epochDir(int epoch) {
        return "epoch_" + epoch;
    }

    @Override
    public void add(Sample s) throws IOException {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            instLengths = Arrays.copyOf(instLengths, count * 2);
            respLengths = Arrays.copyOf(respLengths, count * 2);
        }
        starts[count] = tokenCount;
        instLengths[count] = s.instruction().length;
        respLengths[count] = s.response().length;
        count++;
        for (int id : s.instruction()) {
            tokens.writeInt(id);
        }
        for (int id : s.response()) {
            tokens.writeInt(id);
        }
        tokenCount += s.instruction().length + s.response().length;
    }

    @Override
    public void writeOrders(int epochs, long seed) throws IOException {
        for (int e = 0; e < epochs; e++) {
            Path ep = Files.createDirectory(dir.resolve(epochDir(e)));
            int[] order = SamplePacker.epochOrder(count, seed, e);
            for (int c = 0; c < COLUMNS.length; c++) {
                try (NpyFile.Writer out = new NpyFile.Writer(ep.resolve(COLUMNS[c] + ".npy"), NpyFile.Dtype.INT64)) {
                    for (int i : order) {
                        out.writeLong(switch (c) {
                            case 0 -> starts[i];
                            case 1 -> instLengths[i];
                            case 2 -> starts[i] + instLengths[i];
                            default -> respLengths[i];
                        });
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        tokens.close();
    }
}
