package org.hrmtext.domain.schedule;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hrmtext.domain.InvalidInputException;

/**
 * How many of the last high-level and low-level calls carry gradient (truncated credit
 * assignment). HRM derives it from one depth {@code bp_steps}: H calls get priority,
 * {@code H_bp = min(H_cycles, bp_steps − 1)}, {@code L_bp = bp_steps − H_bp}.
 *
 * <p>Written as {@code H2L3} (the last 2 H and last 3 L calls), or {@code full}.
 */
public record CreditPattern(int highCalls, int lowCalls) {
    private static final Pattern TEXT = Pattern.compile("H(\\d+)L(\\d+)");
    /** Every call carries gradient (full backprop through time). */
    public static final CreditPattern FULL = new CreditPattern(Integer.MAX_VALUE, Integer.MAX_VALUE);

    public CreditPattern {
        if (highCalls < 0 || lowCalls < 0) {
            throw new InvalidInputException("credit pattern: call counts must not be negative");
        }
    }

    /** HRM's split of a backprop depth between H and L calls. */
    public static CreditPattern fromBpSteps(int hCycles, int bpSteps) {
        if (bpSteps < 1) {
            throw new InvalidInputException("bp_steps: expected a positive integer, got " + bpSteps);
        }
        int high = Math.min(hCycles, bpSteps - 1);
        return new CreditPattern(high, bpSteps - high);
    }

    /** Parses {@code H2L3} or {@code full}. */
    public static CreditPattern parse(String text) {
        if (text.equalsIgnoreCase("full")) {
            return FULL;
        }
        Matcher m = TEXT.matcher(text.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException("credit pattern \"" + text + "\": expected HnLm (e.g. H2L3) or full");
        }
        return new CreditPattern(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return this.equals(FULL) ? "full" : "H" + highCalls + "L" + lowCalls;
    }
}
