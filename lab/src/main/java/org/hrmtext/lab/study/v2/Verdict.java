package org.hrmtext.lab.study.v2;

/**
 * A finding's verdict at a stated scale: {@code agrees}, {@code disagrees}, or
 * {@code inconclusive} with its reason.
 *
 * @param scale what the verdict was measured at, e.g. "tiny (hidden 64), 1000 steps, 3 seeds"
 */
public record Verdict(Kind kind, String reason, String scale) {

    /** The three verdicts. */
    public enum Kind {
        AGREES("agrees"), DISAGREES("disagrees"), INCONCLUSIVE("inconclusive");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static Verdict agrees(String scale) {
        return new Verdict(Kind.AGREES, "", scale);
    }

    public static Verdict disagrees(String scale) {
        return new Verdict(Kind.DISAGREES, "", scale);
    }

    public static Verdict inconclusive(String reason, String scale) {
        return new Verdict(Kind.INCONCLUSIVE, reason, scale);
    }

    /** e.g. {@code inconclusive (p = 0.21 ≥ 0.05) at tiny …}. */
    @Override
    public String toString() {
        return kind.text() + (reason.isEmpty() ? "" : " (" + reason + ")") + " at " + scale;
    }
}
