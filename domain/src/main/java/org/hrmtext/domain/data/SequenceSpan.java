package org.hrmtext.domain.data;

/**
 * Where one sample sits in a packed batch: row, first offset, prefix (instruction) length and the
 * causal (response) length after it.
 */
public record SequenceSpan(int row, int start, int prefixLen, int causalLen) {

    public int end() {
        return start + prefixLen + causalLen;
    }
}
