package org.hrmtext.lab.study;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hrmtext.domain.data.Sample;

/**
 * The study's built-in data: a deterministic token-id task, reversing a string of 3 to 10 digits,
 * laid out as {@code examples/reverse.jsonl}: 1 = {@code <boq>}, 2 = {@code <eoq>}, 3 =
 * {@code <eoa>}, 4 = the direct condition, 10..19 = the digits; instruction
 * {@code <boq> direct d1..dn <eoq>}, response {@code dn..d1 <eoa>}. Needs a vocabulary of 20.
 */
final class BuiltinTask {
    static final int SAMPLES = 2000;
    private static final int BOQ = 1;
    private static final int EOQ = 2;
    private static final int EOA = 3;
    private static final int DIRECT = 4;
    private static final int FIRST_DIGIT = 10;

    private BuiltinTask() {
    }

    static List<Sample> samples(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int s = 0; s < SAMPLES; s++) {
            int n = 3 + rng.nextInt(8);
            int[] instruction = new int[n + 3];
            int[] response = new int[n + 1];
            instruction[0] = BOQ;
            instruction[1] = DIRECT;
            for (int i = 0; i < n; i++) {
                int digit = FIRST_DIGIT + rng.nextInt(10);
                instruction[2 + i] = digit;
                response[n - 1 - i] = digit;
            }
            instruction[n + 2] = EOQ;
            response[n] = EOA;
            out.add(new Sample(instruction, response));
        }
        return out;
    }
}
