package org.hrmtext.inference.text;

import org.hrmtext.domain.PublicApi;

/**
 * Receives the answer text as it is generated, in order: the deltas joined are exactly
 * {@link TextResult#text()}. A delta never ends inside a UTF-8 character (a byte-level token can
 * carry part of one; its bytes wait for the rest), and text that may be the start of a stop
 * string waits until it is known not to be one. Called on the generating thread.
 */
@FunctionalInterface
@PublicApi
public interface TextListener {

    /** @param delta new text, never empty */
    void onText(String delta);
}
