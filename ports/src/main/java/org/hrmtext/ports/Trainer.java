package org.hrmtext.ports;

import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.model.ModelWeights;

/**
 * A model held by a backend, trained with AdamATan2 and scored under a recurrence schedule.
 * Holds native memory: close it. Not thread-safe.
 */
public interface Trainer extends AutoCloseable {

    /**
     * One optimizer step on a batch. If the loss or any gradient is not finite the weights and
     * optimizer state are left as they were and {@link StepResult#finite()} is false.
     */
    StepResult step(PackedBatch batch, StepPlan plan);

    /** Loss (and optionally gradients and logits) of a batch, without changing any state. */
    ScoreResult score(PackedBatch batch, ScoreRequest request);

    /** Current raw weights. */
    ModelWeights weights();

    /** Current optimizer state, including the EMA weights. */
    OptimizerState optimizerState();

    @Override
    void close();
}
