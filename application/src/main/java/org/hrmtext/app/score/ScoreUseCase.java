package org.hrmtext.app.score;

import jakarta.inject.Inject;
import org.hrmtext.app.checkpoint.ModelDirectory;
import org.hrmtext.app.wiring.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.BatchJson;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * {@code hrm score}: loads a model directory and a batch file, builds the recurrence schedule for
 * the requested backprop depth, and asks the backend for the loss, the gradient norms (whenever it
 * can train) and optionally the logits. Nothing changes on disk or in the model.
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
            return new ScoreReport(trainer.score(batch, new ScoreRequest(schedule, gradients, job.logits())), weights.layout());
        }
    }
}
