package org.hrmtext.app.quickstart;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic mix of small reasoning tasks whose answers take several steps: two-digit
 * addition with carries and subtraction with borrows (operands zero-padded, answers written
 * least-significant digit first, the order in which carries and borrows are worked out), sorting
 * digits, and reversing a word.
 * The held-out split never contains an instruction of the training split.
 */
public final class ReasoningTasks {
    private static final String LETTERS = "abcdefghij";

    /** One instruction→response pair and the task it comes from. */
    public record Task(String kind, String instruction, String response) {
    }

    /** Training and held-out tasks. */
    public record Split(List<Task> train, List<Task> heldOut) {
    }

    private ReasoningTasks() {
    }

    public static Split generate(long seed, int trainCount, int heldOutCount) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Task> train = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < trainCount; i++) {
            Task t = next(rng);
            train.add(t);
            seen.add(t.instruction());
        }
        List<Task> heldOut = new ArrayList<>();
        SplittableRandom other = new SplittableRandom(seed ^ 0x5DEECE66DL);
        while (heldOut.size() < heldOutCount) {
            Task t = next(other);
            if (seen.add(t.instruction())) {
                heldOut.add(t);
            }
        }
        return new Split(train, heldOut);
    }

    private static Task next(SplittableRandom rng) {
        switch (rng.nextInt(4)) {
            case 0: {
                int a = rng.nextInt(100);
                int b = rng.nextInt(100);
                return new Task("add", String.format(Locale.ROOT, "add %02d+%02d", a, b),
                        reversed(String.format(Locale.ROOT, "%03d", a + b)));
            }
            case 1: {
                int a = rng.nextInt(100);
                int b = rng.nextInt(a + 1);
                return new Task("sub", String.format(Locale.ROOT, "sub %02d-%02d", a, b),
                        reversed(String.format(Locale.ROOT, "%02d", a - b)));
            }
            case 2: {
                char[] digits = randomText(rng, "0123456789", 3 + rng.nextInt(6)).toCharArray();
                String text = new String(digits);
                java.util.Arrays.sort(digits);
                return new Task("sort", "sort " + text, new String(digits));
            }
            default: {
                String word = randomText(rng, LETTERS, 3 + rng.nextInt(6));
                return new Task("reverse", "reverse " + word, reversed(word));
            }
        }
    }

    private static String randomText(SplittableRandom rng, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String reversed(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
