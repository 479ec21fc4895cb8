package org.hrmtext.app.data;

import java.io.IOException;
import java.nio.file.Path;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;

/**
 * Streams samples into the files of a prepared dataset ({@link PreparedDataset} reads them):
 * {@code tokens.bin} (int32 LE: each sample's instruction ids, then its response ids) and
 * {@code samples.bin} (per sample: int64 offset into the token array, int32 instruction length,
 * int32 response length, all LE); then {@code order-<epoch>.bin} (int32 LE sample indices,
 * {@link SamplePacker#epochOrder} of the seed and epoch).
 */
final class DatasetWriter implements SampleWriter {
    private final Path dir;
    private final LittleEndianOutput tokens;
    private final LittleEndianOutput samples;
    private long tokenCount;
    private int sampleCount;

    DatasetWriter(Path dir) throws IOException {
        this.dir = dir;
        this.tokens = new LittleEndianOutput(dir.resolve(PreparedDataset.TOKENS));
        this.samples = new LittleEndianOutput(dir.resolve(PreparedDataset.SAMPLES));
    }

    @Override
    public void add(Sample s) throws IOException {
        samples.writeLong(tokenCount);
        samples.writeInt(s.instruction().length);
        samples.writeInt(s.response().length);
        for (int id : s.instruction()) {
            tokens.writeInt(id);
        }
        for (int id : s.response()) {
            tokens.writeInt(id);
        }
        tokenCount += s.instruction().length + s.response().length;
        sampleCount++;
    }

    @Override
    public void writeOrders(int epochs, long seed) throws IOException {
        for (int e = 0; e < epochs; e++) {
            try (LittleEndianOutput out = new LittleEndianOutput(dir.resolve(PreparedDataset.orderFile(e)))) {
                for (int i : SamplePacker.epochOrder(sampleCount, seed, e)) {
                    out.writeInt(i);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        try (samples) {
            tokens.close();
        }
    }
}
