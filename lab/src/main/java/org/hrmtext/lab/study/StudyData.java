package org.hrmtext.lab.study;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;

/**
 * The batches every setting sees, identical across settings: the first {@code evalBatches}
 * packed batches of epoch 0 are held out for the paired comparison and the probe; training takes
 * the rest of epoch 0, then epochs 1, 2, … (each packed deterministically from the seed).
 */
record StudyData(List<PackedBatch> train, List<PackedBatch> eval) {

    static StudyData of(List<Sample> samples, int rows, int seqLen, long seed, int steps, int evalBatches) {
        SamplePacker packer = new SamplePacker(rows, seqLen);
        List<PackedBatch> first = packer.packEpoch(samples, seed, 0);
        if (first.size() <= evalBatches) {
            throw new InvalidInputException("study data: " + samples.size() + " samples fill only " + first.size()
                    + " batches of " + rows + " x " + seqLen + " tokens; need more than the " + evalBatches + " held out");
        }
        List<PackedBatch> train = new ArrayList<>(first.subList(evalBatches, first.size()));
        for (int epoch = 1; train.size() < steps; epoch++) {
            train.addAll(packer.packEpoch(samples, seed, epoch));
        }
        return new StudyData(List.copyOf(train.subList(0, steps)), List.copyOf(first.subList(0, evalBatches)));
    }
}
