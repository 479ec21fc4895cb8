package org.hrmtext.domain.data;

import org.hrmtext.domain.InvalidInputException;

/**
 * One instruction→response pair as token ids. Its packed form is
 * {@code inputs = instruction + response[:-1]}, {@code labels = (−100 × (|instruction|−1)) + response},
 * positions continuing across, so it occupies {@code |instruction| + |response| − 1} tokens.
 */
public record Sample(int[] instruction, int[] response) {

    public Sample {
        if (instruction.length == 0) {
            throw new InvalidInputException("instruction_ids: expected at least one token");
        }
        if (response.length == 0) {
            throw new InvalidInputException("response_ids: expected at least one token (empty responses are dropped)");
        }
    }

    /** Tokens this sample takes in a packed row. */
    public int packedLength() {
        return instruction.length + response.length - 1;
    }

    /** Fails naming the first id outside {@code [0, vocab)}. */
    public void checkVocabulary(int vocab) {
        check("instruction_ids", instruction, vocab);
        check("response_ids", response, vocab);
    }

    private static void check(String field, int[] ids, int vocab) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new InvalidInputException(field + "[" + i + "]: token id " + ids[i]
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
    }
}
