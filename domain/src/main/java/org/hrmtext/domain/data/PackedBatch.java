package org.hrmtext.domain.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;

/**
 * A batch of {@code rows} packed rows of {@code seqLen} tokens (row-major flat arrays), with the
 * spans of the samples in it. Padding carries label −100 and position 0 and attends only to itself.
 * Validated on construction: equal lengths, spans inside their row and not overlapping.
 */
public record PackedBatch(int rows, int seqLen, int[] inputs, int[] labels, int[] positions, List<SequenceSpan> spans) {
    /** The label of positions that do not count in the loss. */
    public static final int IGNORE = -100;

    public PackedBatch {
        spans = List.copyOf(spans);
        int n = rows * seqLen;
        if (rows < 1 || seqLen < 1) {
            throw new InvalidInputException("batch: expected at least one row of at least one token");
        }
        if (inputs.length != n || labels.length != n || positions.length != n) {
            throw new InvalidInputException("batch: inputs, labels and position_ids must all have " + n
                    + " entries, got " + inputs.length + ", " + labels.length + ", " + positions.length);
        }
        List<SequenceSpan> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(SequenceSpan::row).thenComparingInt(SequenceSpan::start));
        SequenceSpan prev = null;
        for (SequenceSpan s : sorted) {
            if (s.row() < 0 || s.row() >= rows || s.start() < 0 || s.prefixLen() < 1 || s.causalLen() < 0
                    || s.end() > seqLen) {
                throw new InvalidInputException("batch: sequence " + s + " does not fit in " + rows + " row(s) of "
                        + seqLen + " tokens");
            }
            if (prev != null && prev.row() == s.row() && s.start() < prev.end()) {
                throw new InvalidInputException("batch: sequences overlap: " + prev + " ends at " + prev.end()
                        + " but the next starts at " + s.start());
            }
            prev = s;
        }
    }

    public int tokens() {
        return rows * seqLen;
    }

    /** Number of positions with a label. */
    public long labelledTokens() {
        long n = 0;
        for (int l : labels) {
            n += l == IGNORE ? 0 : 1;
        }
        return n;
    }

    /** 1 at every labelled position and 0 elsewhere, row-major: the weights of per-position averages. */
    public float[] labelMask() {
        float[] m = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            m[i] = labels[i] == IGNORE ? 0f : 1f;
        }
        return m;
    }

    /** Fails naming the first input or label outside {@code [0, vocab)}. */
    public void checkVocabulary(int vocab) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] < 0 || inputs[i] >= vocab) {
                throw new InvalidInputException("batch: inputs[" + i + "] = " + inputs[i]
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
            if (labels[i] != IGNORE && (labels[i] < 0 || labels[i] >= vocab)) {
                throw new InvalidInputException("batch: labels[" + i + "] = " + labels[i]
                        + " is outside the vocabulary [0, " + vocab + ") and is not -100");
            }
        }
    }
}
