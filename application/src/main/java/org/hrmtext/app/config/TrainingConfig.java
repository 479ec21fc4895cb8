package org.hrmtext.app.config;

import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;

/**
 * A complete training configuration: the model, the run, the optimizer and the backend. Read it
 * with {@link TrainingConfigLoader}.
 */
public record TrainingConfig(ModelConfig model, TrainSettings train, OptimizerSettings optimizer,
        BackendSettings backend) {

    public TrainingConfig {
        if (train.seqLen() > model.maxPositionEmbeddings()) {
            throw new InvalidInputException("train.seq_len: " + train.seqLen() + " exceeds the model's max_position_embeddings "
                    + model.maxPositionEmbeddings());
        }
    }
}
