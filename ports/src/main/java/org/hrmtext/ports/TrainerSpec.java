package org.hrmtext.ports;

import java.util.Optional;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.training.AdamAtan2Settings;

/**
 * What a trainer starts from: the weights (whose layout carries the config), the optimizer
 * settings, and the saved optimizer state when resuming.
 */
public record TrainerSpec(ModelWeights weights, AdamAtan2Settings optimizer, Optional<OptimizerState> resumeFrom) {

    public static TrainerSpec fresh(ModelWeights weights, AdamAtan2Settings optimizer) {
        return new TrainerSpec(weights, optimizer, Optional.empty());
    }
}
