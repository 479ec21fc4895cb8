package org.hrmtext.lab.bench;

import jakarta.inject.Inject;
import org.hrmtext.app.io.ProgressBar;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.config.RecurrenceConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * {@code hrm bench train}: HRM (H_cycles 2, L_cycles 3) at full credit depth on 8 packed rows of
 * 256 synthetic tokens a step. Two warm-up steps, then {@code steps} timed steps; afterwards the
 * same backend's 2048³ float32 matmul rate, the denominator of MFU.
 */
public final class TrainBenchmark {
    static final int WARMUP_STEPS = 2;
    static final int ROWS = 8;
    static final int SEQ_LEN = 256;
    static final int MATMUL_N = 2048;
    private static final double LEARNING_RATE = 2.2e-4;

    private final BackendRegistry backends;

    @Inject
    public TrainBenchmark(BackendRegistry backends) {
        this.backends = backends;
    }

    public BenchReport run(BenchRequest request) {
        BackendProvider provider = backends.select(request.backend(), BackendCapability.TRAIN);
        ModelConfig preset = ModelPresets.named(request.preset());
        RecurrenceConfig d = RecurrenceConfig.defaultsFor(Architecture.HRM);
        ModelConfig config = preset.withRecurrence(new RecurrenceConfig(2, 3, d.bpMinSteps(), d.bpMaxSteps(),
                d.bpWarmupRatio(), d.hBpSteps(), d.lBpSteps(), d.cycles(), d.bpCycles(), d.lBpCycles()));
        RecurrenceSchedule schedule = RecurrenceSchedule.of(config, CreditPattern.FULL);
        PackedBatch batch = SyntheticBatches.generate(config.vocabSize(), ROWS, SEQ_LEN, 0);
        BackendOptions options = BackendOptions.cpu(request.threads());
        StepPlan plan = new StepPlan(LEARNING_RATE, schedule);
        TrainerSpec spec = TrainerSpec.fresh(WeightInitializer.initialize(ParameterLayout.of(config), 0),
                AdamAtan2Settings.pretraining());
        ProcessMemory start;
        ProcessMemory end;
        long nanos;
        try (Trainer trainer = provider.openTrainer(spec, options)) {
            for (int i = 0; i < WARMUP_STEPS; i++) {
                trainer.step(batch, plan);
            }
            ProgressBar bar = ProgressBar.onStderr("bench", 0, request.steps());
            start = ProcessMemory.now();
            long t0 = System.nanoTime();
            for (int i = 1; i <= request.steps(); i++) {
                trainer.step(batch, plan);
                bar.update(i, "");
            }
            nanos = System.nanoTime() - t0;
            end = ProcessMemory.now();
        }
        double matmul = provider.matmulGflops(MATMUL_N, options);
        return new BenchReport(provider.name(), request.preset(), CreditPattern.FULL.toString(), ROWS, SEQ_LEN,
                request.steps(), request.threads(), nanos / 1e9, ModelFlops.of(config, schedule, SEQ_LEN), matmul, start, end);
    }
}
