package org.hrmtext.app.train;

import java.util.Optional;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.ports.OptimizerState;

/**
 * Weights (and optionally optimizer state) a new run starts from at step 0 instead of a fresh
 * initialisation: supervised fine-tuning continues a trained model this way.
 */
public record InitialWeights(ModelWeights weights, Optional<OptimizerState> optimizer) {
}
