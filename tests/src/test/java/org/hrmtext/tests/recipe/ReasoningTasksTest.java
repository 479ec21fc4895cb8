package org.hrmtext.tests.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hrmtext.app.quickstart.ReasoningTasks;
import org.hrmtext.app.quickstart.ReasoningTasks.Split;
import org.hrmtext.app.quickstart.ReasoningTasks.Task;
import org.junit.jupiter.api.Test;

/**
 * Guards the quickstart's task generator: the same seed gives the same splits and another seed
 * other ones; no held-out instruction occurs in training (nor twice in held-out); every kind
 * appears, and every answer is right, recomputed from its instruction (sums and products
 * zero-padded to three digits, differences to two, all written least-significant digit first;
 * sorted digits; reversed words). Known kinds: add, sub, mul, sort, reverse; four appear.
 */
class ReasoningTasksTest {
    private static final Pattern ADD = Pattern.compile("add (\\d{2})\\+(\\d{2})");
    private static final Pattern SUB = Pattern.compile("sub (\\d{2})-(\\d{2})");
    private static final Pattern MUL = Pattern.compile("mul (\\d{2})\\*(\\d)");
    private static final Pattern SORT = Pattern.compile("sort (\\d{3,8})");
    private static final Pattern REVERSE = Pattern.compile("reverse ([a-j]{3,8})");
    private static final Map<String, Pattern> PATTERNS = Map.of("add", ADD, "sub", SUB, "mul", MUL, "sort", SORT,
            "reverse", REVERSE);

    @Test
    void deterministicPerSeed() {
        assertEquals(ReasoningTasks.generate(3, 500, 50), ReasoningTasks.generate(3, 500, 50));
        assertNotEquals(ReasoningTasks.generate(3, 500, 50).train(), ReasoningTasks.generate(4, 500, 50).train());
    }

    @Test
    void heldOutNeverSeenInTraining() {
        Split split = ReasoningTasks.generate(0, 5_000, 300);
        assertEquals(5_000, split.train().size());
        assertEquals(300, split.heldOut().size());
        Set<String> train = new HashSet<>();
        split.train().forEach(t -> train.add(t.instruction()));
        Set<String> heldOut = new HashSet<>();
        for (Task t : split.heldOut()) {
            assertTrue(!train.contains(t.instruction()), "held-out task seen in training: " + t);
            assertTrue(heldOut.add(t.instruction()), "held-out task twice: " + t);
        }
    }

    @Test
    void everyAnswerIsRightForEachKind() {
        Split split = ReasoningTasks.generate(11, 2_000, 200);
        Map<String, Integer> kinds = new TreeMap<>();
        for (Task t : concat(split)) {
            assertEquals(expectedResponse(t), t.response(), t.toString());
            kinds.merge(t.kind(), 1, Integer::sum);
        }
        assertEquals(4, kinds.size(), "four kinds: " + kinds);
        assertTrue(kinds.keySet().containsAll(Set.of("add", "sort", "reverse")), kinds.toString());
        kinds.values().forEach(n -> assertTrue(n > 300, "kinds roughly balanced: " + kinds));
    }

    private static Iterable<Task> concat(Split split) {
        return () -> java.util.stream.Stream.concat(split.train().stream(), split.heldOut().stream()).iterator();
    }

    /** The answer recomputed from the instruction, which must match its kind's pattern. */
    private static String expectedResponse(Task t) {
        assertTrue(PATTERNS.containsKey(t.kind()), "unknown kind " + t.kind());
        Matcher m = PATTERNS.get(t.kind()).matcher(t.instruction());
        assertTrue(m.matches(), t.kind() + " instruction: " + t.instruction());
        switch (t.kind()) {
            case "add":
                return reversed(String.format("%03d", Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))));
            case "sub":
                int a = Integer.parseInt(m.group(1));
                int b = Integer.parseInt(m.group(2));
                assertTrue(b <= a, "no negative differences: " + t.instruction());
                return reversed(String.format("%02d", a - b));
            case "mul":
                return reversed(String.format("%03d", Integer.parseInt(m.group(1)) * Integer.parseInt(m.group(2))));
            case "sort":
                char[] digits = m.group(1).toCharArray();
                Arrays.sort(digits);
                return new String(digits);
            default:
                return reversed(m.group(1));
        }
    }

    private static String reversed(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
