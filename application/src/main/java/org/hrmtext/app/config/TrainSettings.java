package org.hrmtext.app.config;

import java.util.Optional;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.training.CreditAssignment;

/**
 * The {@code train:} section: how long to train, how batches are packed, and how credit is
 * assigned. {@code credit} (e.g. {@code H2L3} or {@code full}) fixes one pattern for every step;
 * without it {@code creditWarmup} selects the paper's warmup (true) or the architecture's own
 * truncation from the first step (false). {@code diagnostics} adds the gradient-magnitude statistics
 * of each logged step to its metrics line. {@code maxMinutes} (0 = none) ends the run early, with a
 * checkpoint, once that much wall-clock time has passed; the schedules stay those of {@code steps}.
 */
public record TrainSettings(int steps, int seqLen, int rows, long seed, int logEvery, int checkpointEvery,
        boolean creditWarmup, Optional<CreditPattern> credit, boolean diagnostics, double maxMinutes) {

    public TrainSettings {
        positive("train.steps", steps);
        positive("train.rows", rows);
        positive("train.log_every", logEvery);
        positive("train.checkpoint_every", checkpointEvery);
        if (!(maxMinutes >= 0)) {
            throw new InvalidInputException("train.max_minutes: expected a number >= 0 (0 = no limit), got " + maxMinutes);
        }
        if (seqLen < 2) {
            throw new InvalidInputException("train.seq_len: expected an integer >= 2, got " + seqLen);
        }
    }

    /** The credit assignment these settings select for a model. */
    public CreditAssignment creditAssignment(ModelConfig model) {
        if (credit.isPresent()) {
            return CreditAssignment.fixed(model, credit.get());
        }
        return creditWarmup ? CreditAssignment.warmup(model, steps) : CreditAssignment.constant(model);
    }

    /** How credit is assigned, for logs and checkpoint settings: a pattern, {@code warmup} or {@code constant}. */
    public String creditText() {
        return credit.map(CreditPattern::toString).orElse(creditWarmup ? "warmup" : "constant");
    }

    private static void positive(String key, long v) {
        if (v < 1) {
            throw new InvalidInputException(key + ": expected a positive integer, got " + v);
        }
    }
}
