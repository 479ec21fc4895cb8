package org.hrmtext.ports;

import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.diagnostics.BlockDepth;
import org.hrmtext.domain.diagnostics.EffectiveDepth;
import org.hrmtext.domain.diagnostics.StateGradients;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.schedule.RecurrenceSchedule;

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

    /** Whether {@link #scoreWithStatistics} is available. */
    default boolean scoresStatistics() {
        return false;
    }

    /**
     * One backward pass of a batch under a schedule, without changing any state: the per-tensor
     * gradient L2 norms of {@link #score} and the element-level statistics a diagnostic
     * {@link #step} computes.
     */
    default ScoredGradients scoreWithStatistics(PackedBatch batch, RecurrenceSchedule schedule) {
        throw new InvalidInputException("this backend cannot score with gradient statistics");
    }

    /**
     * The effective-depth probe of {@link org.hrmtext.domain.diagnostics.DepthProbe} on a batch
     * under a schedule, without changing any state: per module call, the relative change and cosine
     * similarity against the previous value of its state, and the logit-lens KL against the final
     * prediction, averaged over labelled positions.
     */
    default EffectiveDepth probe(PackedBatch batch, RecurrenceSchedule schedule) {
        throw new InvalidInputException("this backend cannot run the effective-depth probe");
    }

    /**
     * Jacobian growth: {@code ‖∂L/∂z‖₂} of the state each module call writes, under a schedule in
     * which every call carries gradient (full BPTT), without changing any state.
     */
    default StateGradients stateGradients(PackedBatch batch, RecurrenceSchedule schedule) {
        throw new InvalidInputException("this backend cannot measure state gradients (∂L/∂z); use --backend djl");
    }

    /**
     * The paper's effective depth on a batch, block by block in computation order
     * ({@link BlockDepth}), one forward pass without autograd and without changing any state.
     */
    default BlockDepth blockDepth(PackedBatch batch, RecurrenceSchedule schedule) {
        throw new InvalidInputException("this backend cannot measure per-block effective depth; use --backend djl");
    }

    /** Current raw weights. */
    ModelWeights weights();

    /** Current optimizer state, including the EMA weights. */
    OptimizerState optimizerState();

    @Override
    void close();
}
