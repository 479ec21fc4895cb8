package org.hrmtext.inference;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.PublicApi;

/**
 * Prompts (token ids, one row each) and how to continue them: up to {@code maxNewTokens} tokens
 * per row, sampling settings, auto-guidance weight {@code w} ({@code (1+w)·logits(final z_H) −
 * w·logits(first z_H)}; 0 = off), stop tokens (such as {@code <eoa>}) and stop sequences, and an
 * optional streaming listener and an optional {@link StopRule} of the caller (null = none). The
 * prompt and stop arrays are copied; {@code null} stop tokens or sequences mean none, {@code null}
 * prompts or sampling settings are refused.
 */
@PublicApi
public record GenerationRequest(List<int[]> prompts, int maxNewTokens, SamplingSettings sampling, double guidance,
        Set<Integer> stopTokens, List<int[]> stopSequences, TokenListener listener, StopRule stopRule) {

    /** A request without a caller's stop rule. */
    public GenerationRequest(List<int[]> prompts, int maxNewTokens, SamplingSettings sampling, double guidance,
            Set<Integer> stopTokens, List<int[]> stopSequences, TokenListener listener) {
        this(prompts, maxNewTokens, sampling, guidance, stopTokens, stopSequences, listener, null);
    }

    public GenerationRequest {
        if (prompts == null || prompts.isEmpty()) {
            throw new InvalidInputException("generation: expected at least one prompt");
        }
        prompts = copies("prompt", prompts);
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0) {
                throw new InvalidInputException("generation: prompt " + i + " is empty");
            }
        }
        if (sampling == null) {
            throw new InvalidInputException("generation: no sampling settings (SamplingSettings.greedy() for greedy decoding)");
        }
        if (stopTokens == null) {
            stopTokens = Set.of();
        } else if (stopTokens.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("generation: the stop tokens hold null");
        }
        stopTokens = Set.copyOf(stopTokens);
        stopSequences = stopSequences == null ? List.of() : copies("stop sequence", stopSequences);
        if (maxNewTokens < 1) {
            throw new InvalidInputException("max-new-tokens: expected an integer >= 1, got " + maxNewTokens);
        }
        if (!Double.isFinite(guidance) || guidance < 0) {
            throw new InvalidInputException("guidance: expected a finite number >= 0, got " + guidance);
        }
    }

    /** Copies of the arrays, so a caller that reuses its arrays cannot change a request. */
    private static List<int[]> copies(String what, List<int[]> arrays) {
        for (int i = 0; i < arrays.size(); i++) {
            if (arrays.get(i) == null) {
                throw new InvalidInputException("generation: " + what + " " + i + " is null");
            }
        }
        return arrays.stream().map(int[]::clone).toList();
    }

    /** One prompt, greedy, no stops. */
    public static GenerationRequest greedy(int[] prompt, int maxNewTokens) {
        return new GenerationRequest(Collections.singletonList(prompt), maxNewTokens, SamplingSettings.greedy(), 0, Set.of(),
                List.of(), null);
    }
}
