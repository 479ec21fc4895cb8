package org.hrmtext.spark;

import java.io.Serializable;
import org.hrmtext.app.data.PrepareStats;
import org.hrmtext.domain.data.Sample;

/**
 * What a partition's tokenization yields, in order: its samples' token ids, then (last) the
 * statistics of its lines.
 */
record PreparedPiece(int[] instruction, int[] response, PrepareStats stats) implements Serializable {
    private static final long serialVersionUID = 1L;

    static PreparedPiece of(Sample s) {
        return new PreparedPiece(s.instruction(), s.response(), null);
    }

    boolean isStats() {
        return stats != null;
    }

    Sample sample() {
        return new Sample(instruction, response);
    }
}
