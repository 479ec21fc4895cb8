package org.hrmtext.lab.study.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;

/**
 * The study's multi-step task with fresh samples at every step: running sums modulo 10 of 3 to 10
 * digits ({@code <boq> 5 d1..dn <eoq>} → {@code s1..sn <eoa>}, {@code s_i = (d1+…+d_i) mod 10};
 * token ids as in {@code examples/reverse.jsonl}, digits 10..19, vocabulary ≥ 20). Each answer
 * digit needs the previous one, so the task is sequential. Training and held-out samples are
 * disjoint by construction: a digit string goes to the held-out side iff its hash is 0 modulo 8,
 * so no held-out sample is ever trained on, before or after its checkpoint.
 */
public final class FreshTask {
    private static final int BOQ = 1;
    private static final int EOQ = 2;
    private static final int EOA = 3;
    private static final int RUNNING_SUM = 5;
    private static final int FIRST_DIGIT = 10;

    private final SamplePacker packer;
    private final int perBatch;
    private final SplittableRandom trainRng;
    private final SplittableRandom heldOutRng;
    private long trainSamples;

    public FreshTask(int rows, int seqLen, long seed) {
        this.packer = new SamplePacker(rows, seqLen);
        this.perBatch = Math.max(1, rows * (seqLen / 16));
        this.trainRng = new SplittableRandom(seed * 2 + 1);
        this.heldOutRng = new SplittableRandom(seed * 2 + 0x5DEECE66DL);
    }

    /** The next training batch of fresh samples. */
    public PackedBatch nextTrain() {
        return batch(trainRng, false);
    }

    /** A fresh held-out batch, disjoint from every training sample. */
    public PackedBatch nextHeldOut() {
        return batch(heldOutRng, true);
    }

    /** Training samples drawn so far. */
    public long trainSamples() {
        return trainSamples;
    }

    /** Whether a digit string belongs to the held-out side. */
    public static boolean heldOut(int[] digits) {
        return Math.floorMod(java.util.Arrays.hashCode(digits) * 0x9E3779B1, 8) == 0;
    }

    private PackedBatch batch(SplittableRandom rng, boolean held) {
        List<Sample> samples = new ArrayList<>();
        while (samples.size() < perBatch) {
            int n = 3 + rng.nextInt(8);
            int[] d = new int[n];
            for (int i = 0; i < n; i++) {
                d[i] = rng.nextInt(10);
            }
            if (heldOut(d) == held) {
                samples.add(sample(d));
            }
        }
        int[] order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        PackedBatch b = packer.pack(samples, order).get(0);
        if (!held) {
            trainSamples += b.spans().size();
        }
        return b;
    }

    /** The sample of a digit string. */
    public static Sample sample(int[] digits) {
        int n = digits.length;
        int[] instruction = new int[n + 3];
        int[] response = new int[n + 1];
        instruction[0] = BOQ;
        instruction[1] = RUNNING_SUM;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            instruction[2 + i] = FIRST_DIGIT + digits[i];
            sum = (sum + digits[i]) % 10;
            response[i] = FIRST_DIGIT + sum;
        }
        instruction[n + 2] = EOQ;
        response[n] = EOA;
        return new Sample(instruction, response);
    }
}
