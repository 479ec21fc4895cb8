package org.hrmtext.ports;

import java.util.Map;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;

/**
 * AdamATan2 state under Hugging Face tensor names: first and second moments, each tensor's own
 * step count (tensors skipped in a step do not advance) and the weight EMA. Backend independent,
 * so a run trained on one backend resumes on another.
 */
public record OptimizerState(Map<String, HostTensor> firstMoments, Map<String, HostTensor> secondMoments,
        Map<String, Long> tensorSteps, ModelWeights ema) {

    public OptimizerState {
        firstMoments = Map.copyOf(firstMoments);
        secondMoments = Map.copyOf(secondMoments);
        tensorSteps = Map.copyOf(tensorSteps);
    }
}
