package org.hrmtext.app.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.io.ProgressBar;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.CreditAssignment;
import org.hrmtext.domain.training.LearningRateSchedule;
import org.hrmtext.domain.training.ResponseAccuracy;
import org.hrmtext.ports.Checkpoint;
import org.hrmtext.ports.CheckpointStore;
import org.hrmtext.ports.MetricsSink;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.StepResult;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerState;

/**
 * The steps of one run, from the step after {@code start} to {@code train.steps}: per step the
 * learning rate and the credit-assignment schedule at that 1-based step, one optimizer step,
 * accuracies, progress, metrics every {@code log_every} steps (with the gradient statistics of that
 * step when {@code train.diagnostics} is on), and a checkpoint every
 * {@code checkpoint_every} steps and at the end. A non-finite step stops the run with
 * {@link TrainingDivergedException}, leaving the last good checkpoint untouched.
 */
final class TrainingLoop {
    private final TrainingConfig config;
    private final Trainer trainer;
    private final CheckpointStore store;
    private final Path checkpointDir;
    private final MetricsSink metrics;
    private final Map<String, Object> settings;

    TrainingLoop(TrainingConfig config, Trainer trainer, CheckpointStore store, Path checkpointDir, MetricsSink metrics) {
        this.config = config;
        this.trainer = trainer;
        this.store = store;
        this.checkpointDir = checkpointDir;
        this.metrics = metrics;
        this.settings = RunSettings.of(config);
    }

    /** Where a run ended: its last step and that step's loss (NaN when no step was left). */
    record Outcome(long step, double loss) {
    }

    /**
     * Runs the remaining steps, or fewer when {@code train.max_minutes} runs out (the step that
     * crosses it is logged and checkpointed as the last).
     */
    Outcome run(RunStart start, BatchStream data) {
        int total = config.train().steps();
        LearningRateSchedule lrSchedule = config.optimizer().learningRate(total);
        CreditAssignment credit = config.train().creditAssignment(config.model());
        ProgressBar bar = ProgressBar.onStderr("train", start.step(), total);
        Optional<String> lastGood = start.checkpoint().map(p -> p + " (step " + start.step() + ")");
        double loss = Double.NaN;
        long intervalTokens = 0;
        long intervalStart = System.nanoTime();
        long runTokens = 0;
        long runStart = intervalStart;
        long deadline = config.train().maxMinutes() > 0
                ? runStart + (long) (config.train().maxMinutes() * 60e9) : Long.MAX_VALUE;
        long step = start.step();
        boolean last = step >= total;
        while (!last) {
            step++;
            PackedBatch batch = data.next();
            double lr = lrSchedule.at(step);
            RecurrenceSchedule schedule = credit.scheduleAt(step);
            last = step == total || System.nanoTime() > deadline;
            boolean logged = step % config.train().logEvery() == 0 || last;
            StepResult result = trainer.step(batch, new StepPlan(lr, schedule, logged && config.train().diagnostics()));
            if (!result.finite()) {
                throw new TrainingDivergedException(String.format(Locale.ROOT, "training diverged at step %d: %s; last good checkpoint: %s",
                        step, whatIsNotFinite(result.loss()), lastGood.orElse("none (no checkpoint was written yet)")));
            }
            loss = result.loss();
            intervalTokens += batch.tokens();
            runTokens += batch.tokens();
            long now = System.nanoTime();
            bar.update(step, String.format(Locale.ROOT, "loss %.4f %.0f tok/s lr %.2e bp %d", loss,
                    runTokens / ((now - runStart) / 1e9), lr, schedule.gradientCalls()));
            if (logged) {
                metrics.record(record(step, result, batch, lr, schedule, intervalTokens / ((now - intervalStart) / 1e9)));
                intervalTokens = 0;
                intervalStart = System.nanoTime();
            }
            if (step % config.train().checkpointEvery() == 0 || last) {
                store.save(checkpointDir, new Checkpoint(trainer.weights(), trainer.optimizerState(),
                        new TrainerState(step, data.epoch(), data.batchInEpoch(), settings)));
                lastGood = Optional.of(checkpointDir + " (step " + step + ")");
            }
        }
        return new Outcome(step, loss);
    }

    private static Map<String, Object> record(long step, StepResult r, PackedBatch batch, double lr,
            RecurrenceSchedule schedule, double tokensPerSecond) {
        ResponseAccuracy acc = ResponseAccuracy.of(batch, r.predictions());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("loss", r.loss());
        m.put("token_accuracy", acc.tokenAccuracy());
        m.put("sequence_exact_accuracy", acc.sequenceExactAccuracy());
        m.put("grad_norm", r.gradNorm());
        m.put("lr", lr);
        m.put("bp_steps", schedule.gradientCalls());
        m.put("tokens_per_s", tokensPerSecond);
        r.statistics().ifPresent(s -> m.put("gradients", s.toJson()));
        return m;
    }

    private static String whatIsNotFinite(double loss) {
        if (Double.isNaN(loss)) {
            return "loss is NaN";
        }
        return Double.isInfinite(loss) ? "loss is infinite" : "a gradient is not finite (loss " + loss + ")";
    }
}
