package org.hrmtext.lab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;

/**
 * A batch of random tokens shaped like real training data: each row of {@code seqLen} tokens
 * holds four samples of {@code seqLen / 4} packed tokens, each split at a random point into
 * instruction and response, so the PrefixLM spans are realistic. Deterministic in the seed.
 */
final class SyntheticBatches {
    static final int SAMPLES_PER_ROW = 4;

    private SyntheticBatches() {
    }

    static PackedBatch generate(int vocab, int rows, int seqLen, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int packed = seqLen / SAMPLES_PER_ROW;
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < rows * SAMPLES_PER_ROW; i++) {
            int instruction = 1 + rng.nextInt(Math.max(1, packed - 1));
            int response = packed + 1 - instruction;
            samples.add(new Sample(tokens(rng, instruction, vocab), tokens(rng, response, vocab)));
        }
        return new SamplePacker(rows, seqLen).packEpoch(samples, seed, 0).get(0);
    }

    private static int[] tokens(SplittableRandom rng, int n, int vocab) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(vocab);
        }
        return t;
    }
}
