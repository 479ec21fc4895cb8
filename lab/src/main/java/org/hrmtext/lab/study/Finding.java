package org.hrmtext.lab.study;

/**
 * One finding of the paper's stability study set beside this run: the claim, the paper's numbers,
 * what was measured (with numbers), and whether the run agrees.
 */
record Finding(String claim, String paper, String measured, Verdict verdict) {

    /** How a measurement relates to the paper's finding. */
    enum Verdict {
        AGREES("agrees"),
        PARTLY("partly agrees"),
        DISAGREES("does not agree"),
        NOT_MEASURED("not measured by this run");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }
}
