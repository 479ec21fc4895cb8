package org.hrmtext.domain.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.hrmtext.domain.InvalidInputException;

/**
 * Packs samples into batches of {@code rows} rows of {@code seqLen} tokens, as the reference's
 * multipack does: one shuffle per epoch (deterministic in seed and epoch), then for each batch a
 * window of the shuffled samples whose tokens fill the budget is placed longest first into the
 * least-filled row; a sample that fits no row returns to the front of the queue for the next batch.
 */
public final class SamplePacker {
    private final int rows;
    private final int seqLen;

    public SamplePacker(int rows, int seqLen) {
        if (rows < 1 || seqLen < 2) {
            throw new InvalidInputException("packing: expected rows >= 1 and seq_len >= 2, got " + rows + ", " + seqLen);
        }
        this.rows = rows;
        this.seqLen = seqLen;
    }

    /** The sample order of an epoch: a Fisher-Yates shuffle seeded by (seed, epoch). */
    public static int[] epochOrder(int count, long seed, int epoch) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** All batches of one epoch, in training order. */
    public List<PackedBatch> packEpoch(List<Sample> samples, long seed, int epoch) {
        return pack(samples, epochOrder(samples.size(), seed, epoch));
    }

    /** All batches of one pass over the samples in {@code order} (a permutation of their indices). */
    public List<PackedBatch> pack(List<Sample> samples, int[] order) {
        if (order.length != samples.size()) {
            throw new InvalidInputException("packing: an epoch order of " + order.length + " entries for "
                    + samples.size() + " samples");
        }
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).packedLength() > seqLen) {
                throw new InvalidInputException("sample " + (i + 1) + " needs " + samples.get(i).packedLength()
                        + " tokens but a packed row holds " + seqLen + " (raise seq_len or shorten the sample)");
            }
        }
        Deque<Integer> queue = new ArrayDeque<>();
        for (int i : order) {
            queue.add(i);
        }
        List<PackedBatch> batches = new ArrayList<>();
        while (!queue.isEmpty()) {
            batches.add(nextBatch(samples, queue));
        }
        return batches;
    }

    private PackedBatch nextBatch(List<Sample> samples, Deque<Integer> queue) {
        List<Integer> window = new ArrayList<>();
        long budget = (long) rows * seqLen;
        long used = 0;
        while (!queue.isEmpty() && (window.isEmpty() || used + samples.get(queue.peek()).packedLength() <= budget)) {
            int i = queue.poll();
            window.add(i);
            used += samples.get(i).packedLength();
        }
        window.sort((a, b) -> samples.get(b).packedLength() != samples.get(a).packedLength()
                ? Integer.compare(samples.get(b).packedLength(), samples.get(a).packedLength())
                : Integer.compare(a, b));
        int[] fill = new int[rows];
        List<List<Integer>> placed = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            placed.add(new ArrayList<>());
        }
        List<Integer> leftover = new ArrayList<>();
        for (int i : window) {
            int best = 0;
            for (int r = 1; r < rows; r++) {
                if (fill[r] < fill[best]) {
                    best = r;
                }
            }
            int len = samples.get(i).packedLength();
            if (fill[best] + len <= seqLen) {
                placed.get(best).add(i);
                fill[best] += len;
            } else {
                leftover.add(i);
            }
        }
        for (int k = leftover.size() - 1; k >= 0; k--) {
            queue.addFirst(leftover.get(k));
        }
        return assemble(samples, placed);
    }

    private PackedBatch assemble(List<Sample> samples, List<List<Integer>> placed) {
        int n = rows * seqLen;
        int[] inputs = new int[n];
        int[] labels = new int[n];
        int[] positions = new int[n];
        Arrays.fill(labels, PackedBatch.IGNORE);
        List<SequenceSpan> spans = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int offset = 0;
            for (int i : placed.get(r)) {
                Sample s = samples.get(i);
                spans.add(write(s, r, offset, inputs, labels, positions));
                offset += s.packedLength();
            }
        }
        return new PackedBatch(rows, seqLen, inputs, labels, positions, spans);
    }

    private SequenceSpan write(Sample s, int row, int offset, int[] inputs, int[] labels, int[] positions) {
        int base = row * seqLen + offset;
        int il = s.instruction().length;
        int rl = s.response().length;
        for (int k = 0; k < il + rl - 1; k++) {
            inputs[base + k] = k < il ? s.instruction()[k] : s.response()[k - il];
            positions[base + k] = k;
            labels[base + k] = k < il - 1 ? PackedBatch.IGNORE : s.response()[k - il + 1];
        }
        return new SequenceSpan(row, offset, il, rl - 1);
    }
}
