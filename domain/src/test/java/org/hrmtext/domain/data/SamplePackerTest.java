package org.hrmtext.domain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Packing of instruction→response samples into fixed token budgets, as the reference's multipack. */
class SamplePackerTest {

    /** Samples whose instruction starts with its own index, so each can be recognised in a batch. */
    static List<Sample> numbered(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] inst = rng.ints(1 + rng.nextInt(12), 0, 500).toArray();
            inst[0] = i;
            out.add(new Sample(inst, rng.ints(1 + rng.nextInt(10), 0, 500).toArray()));
        }
        return out;
    }

    private static Sample sampleOfLength(int id, int packedLength) {
        int[] inst = new int[packedLength];
        inst[0] = id;
        return new Sample(inst, new int[] {7});
    }

    @Test
    void sameSeedAndEpochGiveTheSameBatches() {
        List<Sample> samples = numbered(40, 1);
        List<PackedBatch> a = new SamplePacker(3, 24).packEpoch(samples, 11, 2);
        List<PackedBatch> b = new SamplePacker(3, 24).packEpoch(samples, 11, 2);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).inputs(), b.get(i).inputs());
            assertArrayEquals(a.get(i).labels(), b.get(i).labels());
            assertEquals(a.get(i).spans(), b.get(i).spans());
        }
    }

    @Test
    void epochsAndSeedsShuffleDifferently() {
        int[] e0 = SamplePacker.epochOrder(40, 11, 0);
        assertFalse(Arrays.equals(e0, SamplePacker.epochOrder(40, 11, 1)));
        assertFalse(Arrays.equals(e0, SamplePacker.epochOrder(40, 12, 0)));
        List<Sample> samples = numbered(40, 1);
        SamplePacker packer = new SamplePacker(3, 24);
        assertFalse(Arrays.equals(packer.packEpoch(samples, 11, 0).get(0).inputs(),
                packer.packEpoch(samples, 11, 1).get(0).inputs()));
    }

    @Test
    void everySampleIsPackedExactlyOncePerEpochAndNoRowExceedsItsBudget() {
        List<Sample> samples = numbered(57, 3);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[samples.size()];
            for (PackedBatch b : new SamplePacker(4, 24).packEpoch(samples, 5, epoch)) {
                int[] fill = new int[b.rows()];
                for (SequenceSpan s : b.spans()) {
                    int id = b.inputs()[s.row() * b.seqLen() + s.start()];
                    seen[id]++;
                    assertEquals(samples.get(id).packedLength(), s.prefixLen() + s.causalLen());
                    fill[s.row()] += s.prefixLen() + s.causalLen();
                }
                for (int f : fill) {
                    assertTrue(f <= 24, "row holds " + f + " tokens");
                }
            }
            int[] once = new int[samples.size()];
            Arrays.fill(once, 1);
            assertArrayEquals(once, seen, "epoch " + epoch);
        }
    }

    @Test
    void longestSampleGoesFirstIntoTheLeastFilledRow() {
        // 6, 5, 4, 3 tokens into 2 rows of 10: 6→row 0, 5→row 1, 4→row 1 (5 < 6), 3→row 0.
        List<Sample> samples = List.of(sampleOfLength(0, 3), sampleOfLength(1, 6), sampleOfLength(2, 4),
                sampleOfLength(3, 5));
        List<PackedBatch> batches = new SamplePacker(2, 10).packEpoch(samples, 0, 0);
        assertEquals(1, batches.size());
        PackedBatch b = batches.get(0);
        assertEquals(List.of(new SequenceSpan(0, 0, 6, 0), new SequenceSpan(0, 6, 3, 0),
                new SequenceSpan(1, 0, 5, 0), new SequenceSpan(1, 5, 4, 0)), b.spans());
        assertArrayEquals(new int[] {1, 0}, new int[] {b.inputs()[0], b.inputs()[6]});
        assertArrayEquals(new int[] {3, 2}, new int[] {b.inputs()[10], b.inputs()[15]});
    }

    @Test
    void layoutIsInstructionThenResponseWithShiftedLabelsAndRestartingPositions() {
        // One row of 32: the 12-token sample goes first (longest first), then the 11-token one.
        PackedBatch b = new SamplePacker(1, 32).packEpoch(GoldenBatch.samples(), 0, 0).get(0);
        assertEquals(List.of(new SequenceSpan(0, 0, 4, 8), new SequenceSpan(0, 12, 7, 4)), b.spans());
        assertArrayEquals(Arrays.copyOfRange(GoldenBatch.INPUTS, 11, 23), Arrays.copyOfRange(b.inputs(), 0, 12));
        assertArrayEquals(Arrays.copyOfRange(GoldenBatch.LABELS, 11, 23), Arrays.copyOfRange(b.labels(), 0, 12));
        assertArrayEquals(Arrays.copyOfRange(GoldenBatch.POSITIONS, 11, 23), Arrays.copyOfRange(b.positions(), 0, 12));
        assertArrayEquals(Arrays.copyOfRange(GoldenBatch.INPUTS, 0, 11), Arrays.copyOfRange(b.inputs(), 12, 23));
        assertArrayEquals(Arrays.copyOfRange(GoldenBatch.LABELS, 0, 11), Arrays.copyOfRange(b.labels(), 12, 23));
        assertArrayEquals(Arrays.copyOfRange(GoldenBatch.POSITIONS, 0, 11), Arrays.copyOfRange(b.positions(), 12, 23));
        for (int p = 23; p < 32; p++) {
            assertEquals(0, b.inputs()[p]);
            assertEquals(PackedBatch.IGNORE, b.labels()[p]);
            assertEquals(0, b.positions()[p]);
        }
        assertEquals(GoldenBatch.batch().labelledTokens(), b.labelledTokens());
    }

    @Test
    void aSampleLongerThanARowIsRejectedByNumber() {
        List<Sample> samples = List.of(sampleOfLength(0, 4), sampleOfLength(1, 9));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SamplePacker(2, 8).packEpoch(samples, 0, 0));
        assertTrue(e.getMessage().contains("sample 2 needs 9 tokens"), e.getMessage());
    }
}
