package org.hrmtext.inference;

import org.hrmtext.domain.PublicApi;

/**
 * A caller's own reason to end a row, asked after every new token that no stop token, stop
 * sequence or token limit has ended (e.g. a stop string appearing in the decoded text). A row it
 * ends reports {@link GenerationResult.StopReason#STOP_SEQUENCE}.
 */
@FunctionalInterface
@PublicApi
public interface StopRule {

    /** @param row index of the prompt in the request; @param token the new token id; @return whether the row ends here */
    boolean stopsAfter(int row, int token);
}
