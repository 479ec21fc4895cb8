package org.hrmtext.inference;

import org.hrmtext.domain.PublicApi;

/** Receives each generated token as soon as it is chosen (streaming). */
@FunctionalInterface
@PublicApi
public interface TokenListener {

    /** @param row index of the prompt in the request; @param token the new token id */
    void onToken(int row, int token);
}
