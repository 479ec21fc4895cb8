package org.hrmtext.app.bench;

import org.hrmtext.domain.InvalidInputException;

/**
 * A generation benchmark: model preset (random weights; {@code xl-random} is the released XL
 * shape), backend, threads, prompt length and new tokens, and the context at which a cached
 * decode step is compared with recomputing the whole sequence.
 */
public record GenerateBenchRequest(String preset, String backend, int threads, int promptTokens, int newTokens,
        int recomputeContext) {

    public GenerateBenchRequest {
        if (promptTokens < 1 || newTokens < 1 || recomputeContext < 0) {
            throw new InvalidInputException("bench generate: expected prompt and new tokens >= 1 and recompute context >= 0");
        }
    }
}
