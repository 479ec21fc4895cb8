package org.hrmtext.lab.study;

import java.util.Map;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.Trainer;

/**
 * The study's gradient measurement on fixed weights: the per-tensor gradient L2 norms of a batch
 * under a schedule, through {@link Trainer#score} exactly as {@code hrm score} asks for them, and
 * their global norm. Nothing in the trainer changes.
 *
 * @param perTensor L2 norm per Hugging Face tensor name (0 for tensors without gradient)
 */
public record GradientNorms(Map<String, Double> perTensor) {

    public static GradientNorms of(Trainer trainer, PackedBatch batch, RecurrenceSchedule schedule) {
        return new GradientNorms(trainer.score(batch, new ScoreRequest(schedule, true, false)).gradNorms());
    }

    /** {@code sqrt(Σ norm²)} over every tensor. */
    public double global() {
        return Math.sqrt(perTensor.values().stream().mapToDouble(n -> n * n).sum());
    }
}
