package org.hrmtext.lab.study;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.hrmtext.app.train.TrainingDivergedException;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.domain.training.LearningRateSchedule;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.StepResult;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * Trains one setting from the seed's initial weights on the shared batches, with gradient
 * diagnostics at every step; at each checkpoint step it measures full and truncated gradient norms
 * on the held-out batches (same weights, same batches), and after the last step it probes the
 * effective depth on the first held-out batch.
 */
final class SettingRun {
    private final BackendProvider backend;
    private final BackendOptions options;
    private final StudyRequest request;
    private final StudyData data;

    SettingRun(BackendProvider backend, StudyRequest request, StudyData data) {
        this.backend = backend;
        this.options = BackendOptions.cpu(request.threads());
        this.request = request;
        this.data = data;
    }

    /** Runs the setting; {@code progress} receives each finished step. */
    SettingResult run(StudySetting setting, IntConsumer progress) {
        LearningRateSchedule lr = new LearningRateSchedule(request.preset().learningRate(), request.steps() / 10,
                request.steps(), 1.0);
        TrainerSpec spec = TrainerSpec.fresh(WeightInitializer.initialize(ParameterLayout.of(setting.config()), request.seed()),
                AdamAtan2Settings.pretraining());
        List<StepRecord> steps = new ArrayList<>();
        List<PairedSample> pairs = new ArrayList<>();
        List<Integer> checkpoints = request.checkpointSteps();
        try (Trainer trainer = backend.openTrainer(spec, options)) {
            for (int step = 1; step <= request.steps(); step++) {
                StepResult r = trainer.step(data.train().get(step - 1), new StepPlan(lr.at(step), setting.schedule(), true));
                if (!r.finite()) {
                    throw new TrainingDivergedException("study setting " + setting.label() + " diverged at step " + step);
                }
                steps.add(new StepRecord(step, r.loss(), r.gradNorm(), r.statistics().orElseThrow()));
                if (checkpoints.contains(step) && setting.hasPairs()) {
                    pairs.addAll(paired(trainer, setting, step));
                }
                progress.accept(step);
            }
            return new SettingResult(setting, steps, pairs, trainer.probe(data.eval().get(0), setting.schedule()));
        }
    }

    private List<PairedSample> paired(Trainer trainer, StudySetting setting, int step) {
        List<PairedSample> out = new ArrayList<>();
        for (int b = 0; b < data.eval().size(); b++) {
            double full = GradientNorms.of(trainer, data.eval().get(b), setting.full()).global();
            double truncated = GradientNorms.of(trainer, data.eval().get(b), setting.truncated()).global();
            out.add(new PairedSample(setting.arch().configName(), setting.requested().toString(),
                    setting.truncated().effectiveCredit().toString(), step, b, full, truncated));
        }
        return out;
    }
}
