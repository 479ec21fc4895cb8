package org.hrmtext.tests.contract;

import java.util.List;
import java.util.Locale;

/**
 * The tolerances of shared/golden/README.md that a float32 implementation meets, as checks that
 * describe every mismatch (so a failing backend report says by how much).
 */
public final class Tolerance {
    public static final double LOSS_RELATIVE = 1e-4;
    static final double GRAD_NORM_RELATIVE = 1e-3;
    static final double GRAD_NORM_ABSOLUTE_AT_ZERO = 1e-6;
    static final double LOGITS_RELATIVE = 1e-4;
    static final double STEP_ABSOLUTE = 1e-5;
    static final double STEP_FLIPPED_FRACTION = 0.001;

    private Tolerance() {
    }

    /** NaN-safe: a NaN on either side is never close. */
    public static boolean relativeClose(double expected, double actual, double relative) {
        return Math.abs(actual - expected) <= relative * Math.abs(expected);
    }

    /** Gradient-norm rule: relative, or absolute when the reference norm is 0. */
    public static void gradNorm(String name, double expected, Double actual, List<String> failures) {
        if (actual == null) {
            failures.add(name + ": no gradient norm reported (expected " + expected + ")");
            return;
        }
        boolean ok = expected == 0 ? Math.abs(actual) <= GRAD_NORM_ABSOLUTE_AT_ZERO
                : relativeClose(expected, actual, GRAD_NORM_RELATIVE);
        if (!ok) {
            failures.add(String.format(Locale.ROOT, "%s: grad norm %.9g, expected %.9g (rel err %.3g)", name, actual,
                    expected, expected == 0 ? Double.NaN : Math.abs(actual - expected) / expected));
        }
    }

    /** Logits rule: |a − e| ≤ 1e-4 · max(1, |e|) on the first {@code positions} rows. */
    public static String logits(float[] expected, float[] actual, int positions, int vocab) {
        int bad = 0;
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < positions * vocab; i++) {
            double err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
            if (!(err <= LOGITS_RELATIVE)) {
                bad++;
            }
            if (!(err <= worst)) {
                worst = err;
                worstAt = i;
            }
        }
        return bad == 0 ? null : String.format(Locale.ROOT,
                "%d of %d logits off; worst at position %d token %d: %.7g vs expected %.7g (scaled err %.3g)", bad,
                positions * vocab, worstAt / vocab, worstAt % vocab, actual[worstAt], expected[worstAt], worst);
    }

    /** One-step rule: within 1e-5 absolute, except at most 0.1 % of a tensor's elements; never non-finite. */
    static String afterStep(String name, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            return name + ": " + actual.length + " values, expected " + expected.length;
        }
        int bad = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!Float.isFinite(actual[i])) {
                return name + ": element " + i + " is " + actual[i] + " (expected " + expected[i] + ")";
            }
            double err = Math.abs(actual[i] - expected[i]);
            bad += err <= STEP_ABSOLUTE ? 0 : 1;
            worst = Math.max(worst, err);
        }
        int allowed = (int) Math.floor(STEP_FLIPPED_FRACTION * expected.length);
        return bad <= allowed ? null : String.format(Locale.ROOT,
                "%s: %d of %d elements differ by more than 1e-5 (allowed %d), max abs diff %.3g", name, bad,
                expected.length, allowed, worst);
    }
}
