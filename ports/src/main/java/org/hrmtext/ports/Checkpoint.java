package org.hrmtext.ports;

import org.hrmtext.domain.model.ModelWeights;

/** Everything a resumed run needs: raw weights, optimizer state (with EMA), trainer state. */
public record Checkpoint(ModelWeights weights, OptimizerState optimizer, TrainerState trainer) {
}
