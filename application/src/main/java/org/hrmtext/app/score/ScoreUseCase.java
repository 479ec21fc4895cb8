package org.hrmtext.app.score;

import jakarta.inject.Inject;
import java.util.List;
import org.hrmtext.app.checkpoint.ModelDirectory;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.data.BatchJson;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.TensorFiniteness;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.ScoreResult;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * {@code hrm score}: loads a model directory and a batch file, builds the recurrence schedule for
 * the requested backprop depth, and asks the backend for the loss, the gradient norms (whenever it
 * can train) and optionally the logits. Nothing changes on disk or in the model; a non-finite
 * loss, gradient norm or logit is refused, never reported.
 *
 * <pre>{@code
 * ScoreReport r = useCase.run(new ScoreJob(model, batch, Optional.of(3), "djl", 1, false));
 * }</pre>
 */
public final class ScoreUseCase {
    private final BackendRegistry backends;

    @Inject
    public ScoreUseCase(BackendRegistry backends) {
        this.backends = backends;
    }

    public ScoreReport run(ScoreJob job) {
        BackendProvider provider = backends.select(job.backend());
        ModelWeights weights = ModelDirectory.read(job.model());
        ModelConfig config = weights.layout().config();
        PackedBatch batch = BatchJson.read(job.batch());
        try {
            batch.checkVocabulary(config.vocabSize());
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(job.batch().toString(), e);
        }
        CreditPattern credit = job.bpSteps().map(k -> RecurrenceSchedule.creditForDepth(config, k))
                .orElseGet(() -> RecurrenceSchedule.ownCredit(config));
        RecurrenceSchedule schedule = RecurrenceSchedule.of(config, credit);
        boolean gradients = provider.capabilities().contains(BackendCapability.TRAIN);
        try (Trainer trainer = provider.openTrainer(TrainerSpec.fresh(weights, AdamAtan2Settings.pretraining()),
                BackendOptions.cpu(job.threads()))) {
            ScoreResult result = trainer.score(batch, new ScoreRequest(schedule, gradients, job.logits()));
            requireFinite(result, job);
            return new ScoreReport(result, weights.layout());
        }
    }

    /** Refuses to report a loss, gradient norm or logit computed from NaN or an overflow. */
    private static void requireFinite(ScoreResult result, ScoreJob job) {
        String where = job.model() + " on " + job.batch();
        if (!Double.isFinite(result.loss()) && result.labelledTokens() > 0) {
            throw new InvalidInputException(where + ": the loss is " + result.loss()
                    + "; the model's computation overflowed (no result written)");
        }
        result.gradNorms().forEach((name, norm) -> {
            if (!Double.isFinite(norm)) {
                throw new InvalidInputException(where + ": the gradient norm of " + name + " is " + norm
                        + "; the model's computation overflowed (no result written)");
            }
        });
        result.logits().ifPresent(t -> TensorFiniteness.check(where + ": logits", List.of(t)));
    }
}
