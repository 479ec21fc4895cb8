package org.hrmtext.inference.batching;

import java.time.Duration;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.inference.TokenListener;

/**
 * One request for the batcher: prompt ids (prefilled as one bidirectional PrefixLM prefix), at
 * most {@code maxNewTokens} new tokens, its own sampling settings and seed, tokens that end it
 * (such as {@code <eoa>}; included in the output), a deadline from submission, and a listener
 * called on the scheduler thread with row 0 and each new token (keep it quick).
 */
public record DecodeRequest(int[] prompt, int maxNewTokens, SamplingSettings sampling, Set<Integer> stopTokens,
        Duration timeout, TokenListener listener) {

    public DecodeRequest {
        prompt = prompt.clone();
        stopTokens = Set.copyOf(stopTokens);
        if (prompt.length == 0) {
            throw new InvalidInputException("prompt: expected at least one token");
        }
        if (maxNewTokens < 1) {
            throw new InvalidInputException("max_tokens: expected an integer >= 1, got " + maxNewTokens);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("timeout: expected a positive duration, got " + timeout);
        }
    }

    /** Positions the request may occupy: prompt plus new tokens. */
    public int reservation() {
        return prompt.length + maxNewTokens;
    }
}
