package org.hrmtext.ports;

import java.util.Map;
import java.util.Optional;
import org.hrmtext.domain.model.HostTensor;

/**
 * Loss of a batch (sum of token cross-entropies over labelled positions / their count), the
 * L2 norm of each tensor's gradient under its Hugging Face name (0 for a tensor without
 * gradient; empty when not asked), and the logits {@code [tokens, vocab]} when asked.
 */
public record ScoreResult(double loss, long labelledTokens, Map<String, Double> gradNorms, Optional<HostTensor> logits) {

    public ScoreResult {
        gradNorms = Map.copyOf(gradNorms);
    }
}
