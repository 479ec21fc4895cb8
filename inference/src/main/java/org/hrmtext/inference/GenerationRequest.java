package org.hrmtext.inference;

import java.util.List;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;

/**
 * Prompts (token ids, one row each) and how to continue them: up to {@code maxNewTokens} tokens
 * per row, sampling settings, auto-guidance weight {@code w} ({@code (1+w)·logits(final z_H) −
 * w·logits(first z_H)}; 0 = off), stop tokens (such as {@code <eoa>}) and stop sequences, and an
 * optional streaming listener and an optional {@link StopRule} of the caller (null = none).
 */
public record GenerationRequest(List<int[]> prompts, int maxNewTokens, SamplingSettings sampling, double guidance,
        Set<Integer> stopTokens, List<int[]> stopSequences, TokenListener listener, StopRule stopRule) {

    /** A request without a caller's stop rule. */
    public GenerationRequest(List<int[]> prompts, int maxNewTokens, SamplingSettings sampling, double guidance,
            Set<Integer> stopTokens, List<int[]> stopSequences, TokenListener listener) {
        this(prompts, maxNewTokens, sampling, guidance, stopTokens, stopSequences, listener, null);
    }

    public GenerationRequest {
        prompts = List.copyOf(prompts);
        stopTokens = Set.copyOf(stopTokens);
        stopSequences = List.copyOf(stopSequences);
        if (prompts.isEmpty()) {
            throw new InvalidInputException("generation: expected at least one prompt");
        }
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0) {
                throw new InvalidInputException("generation: prompt " + i + " is empty");
            }
        }
        if (maxNewTokens < 1) {
            throw new InvalidInputException("max-new-tokens: expected an integer >= 1, got " + maxNewTokens);
        }
        if (!Double.isFinite(guidance) || guidance < 0) {
            throw new InvalidInputException("guidance: expected a finite number >= 0, got " + guidance);
        }
    }

    /** One prompt, greedy, no stops. */
    public static GenerationRequest greedy(int[] prompt, int maxNewTokens) {
        return new GenerationRequest(List.of(prompt), maxNewTokens, SamplingSettings.greedy(), 0, Set.of(), List.of(),
                null);
    }
}
