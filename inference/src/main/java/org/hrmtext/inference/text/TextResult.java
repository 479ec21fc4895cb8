package org.hrmtext.inference.text;

import org.hrmtext.domain.PublicApi;

/**
 * The answer to one {@link TextRequest}: its text (the end-of-answer token and any stop string
 * left out), the new token ids as the model produced them (a final end-of-answer token
 * included), how long the prompt was in tokens, the prefill time, the decode throughput and why
 * it ended.
 */
@PublicApi
public record TextResult(String text, int[] tokenIds, int promptTokens, double prefillMillis,
        double decodeTokensPerSecond, FinishReason finishReason) {

    public TextResult {
        tokenIds = tokenIds.clone();
    }

    /** The number of new tokens ({@code tokenIds().length}). */
    public int generatedTokens() {
        return tokenIds.length;
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }
}
