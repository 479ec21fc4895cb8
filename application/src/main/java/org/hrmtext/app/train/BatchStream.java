package org.hrmtext.app.train;

import java.util.List;
import java.util.function.IntFunction;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;

/**
 * The training batches in order, epoch after epoch: each epoch's samples, in the order the data
 * gives for it (deterministic in seed and epoch), are packed by {@link SamplePacker}, so a position
 * ({@code epoch}, {@code batchInEpoch}) names the same batch in every run, and a resumed run
 * continues from it.
 */
final class BatchStream {
    private final List<Sample> samples;
    private final SamplePacker packer;
    private final IntFunction<int[]> orderOfEpoch;
    private final String source;
    private int epoch;
    private int batchInEpoch;
    private List<PackedBatch> batches;

    /**
     * A stream whose next batch is batch {@code batchInEpoch} of {@code epoch}; {@code orderOfEpoch}
     * gives each epoch's sample order and {@code source} names the data in errors.
     */
    BatchStream(List<Sample> samples, SamplePacker packer, IntFunction<int[]> orderOfEpoch, int epoch, int batchInEpoch,
            String source) {
        this.samples = samples;
        this.packer = packer;
        this.orderOfEpoch = orderOfEpoch;
        this.source = source;
        this.epoch = epoch;
        this.batchInEpoch = batchInEpoch;
        this.batches = pack(epoch);
    }

    PackedBatch next() {
        if (batchInEpoch >= batches.size()) {
            epoch++;
            batchInEpoch = 0;
            batches = pack(epoch);
        }
        return batches.get(batchInEpoch++);
    }

    /** The epoch of the next batch. */
    int epoch() {
        return epoch;
    }

    /** The index within its epoch of the next batch. */
    int batchInEpoch() {
        return batchInEpoch;
    }

    private List<PackedBatch> pack(int e) {
        try {
            return packer.pack(samples, orderOfEpoch.apply(e));
        } catch (InvalidInputException ex) {
            throw InvalidInputException.at(source, ex);
        }
    }
}
