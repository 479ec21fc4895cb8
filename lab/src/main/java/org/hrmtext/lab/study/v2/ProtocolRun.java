package org.hrmtext.lab.study.v2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.hrmtext.app.train.TrainingDivergedException;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.diagnostics.GradientStatistics;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.domain.training.LearningRateSchedule;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.ScoreResult;
import org.hrmtext.ports.ScoredGradients;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.StepResult;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * Trains one reference run on fresh samples and, every {@code every} steps before that step's
 * update, measures every grid cell's per-tensor gradient norms on the same weights: on the step's
 * own training batch and on a fresh held-out batch (disjoint from all training samples), with the
 * element-level statistics per group and per tensor (mean |g|, moments of ln|g|) where the backend
 * scores them, and ‖∂L/∂z‖ of every call's state under full BPTT on the held-out batch; at the end of
 * the run the per-block effective depth on one more fresh held-out batch. Every step and every
 * measurement is appended to the {@link RawLog} at once.
 */
final class ProtocolRun {
    private final BackendProvider backend;
    private final BackendOptions options;
    private final ProtocolPreset preset;
    private final RawLog log;

    ProtocolRun(BackendProvider backend, BackendOptions options, ProtocolPreset preset, RawLog log) {
        this.backend = backend;
        this.options = options;
        this.preset = preset;
        this.log = log;
    }

    void run(ProtocolRunSpec spec, long seed, IntConsumer progress) {
        int steps = preset.steps();
        LearningRateSchedule lr = new LearningRateSchedule(preset.learningRate(), Math.max(1, steps / 10), steps, 1.0);
        TrainerSpec ts = TrainerSpec.fresh(WeightInitializer.initialize(ParameterLayout.of(spec.config()), seed),
                AdamAtan2Settings.pretraining());
        List<GridCell> grid = GridCell.gridOf(spec.config());
        FreshTask task = new FreshTask(preset.rows(), preset.seqLen(), seed);
        try (Trainer trainer = backend.openTrainer(ts, options)) {
            for (int step = 1; step <= steps; step++) {
                PackedBatch batch = task.nextTrain();
                if (step % preset.every() == 0) {
                    PackedBatch held = task.nextHeldOut();
                    for (GridCell cell : grid) {
                        measure(trainer, spec, seed, step, "train", batch, cell);
                        measure(trainer, spec, seed, step, "heldout", held, cell);
                    }
                    if (trainer.scoresStatistics()) {
                        Map<String, Object> m = head("jacobian", spec, seed, step);
                        m.put("batch", "heldout");
                        m.putAll(trainer.stateGradients(held, fullCell(grid).schedule()).toJson());
                        log.write(m);
                    }
                }
                var schedule = spec.credit().scheduleAt(step);
                StepResult r = trainer.step(batch, new StepPlan(lr.at(step), schedule, true));
                if (!r.finite()) {
                    throw new TrainingDivergedException("protocol run " + spec.name() + " seed " + seed
                            + " diverged at step " + step);
                }
                Map<String, Object> m = head("step", spec, seed, step);
                m.put("credit", spec.credit().patternAt(step).toString());
                m.put("loss", r.loss());
                m.put("grad_norm", r.gradNorm());
                m.put("samples", task.trainSamples());
                r.statistics().map(GradientStatistics::toJson).ifPresent(s -> m.put("stats", s));
                log.write(m);
                progress.accept(step);
            }
            if (trainer.scoresStatistics()) {
                Map<String, Object> m = head("depth", spec, seed, steps);
                m.put("batch", "heldout");
                m.putAll(trainer.blockDepth(task.nextHeldOut(), fullCell(grid).schedule()).toJson());
                log.write(m);
            }
        }
    }

    private static GridCell fullCell(List<GridCell> grid) {
        return grid.stream().filter(GridCell::isFull).findFirst().orElseThrow();
    }

    private void measure(Trainer trainer, ProtocolRunSpec spec, long seed, int step, String batchKind, PackedBatch batch,
            GridCell cell) {
        ScoreResult s;
        Map<String, Object> stats = null;
        Map<String, Object> tensors = null;
        if (trainer.scoresStatistics()) {
            ScoredGradients g = trainer.scoreWithStatistics(batch, cell.schedule());
            s = g.score();
            stats = g.statistics().toJson();
            tensors = new LinkedHashMap<>();
            for (var e : g.tensors().entrySet()) {
                tensors.put(e.getKey(), e.getValue().toJson());
            }
        } else {
            s = trainer.score(batch, new ScoreRequest(cell.schedule(), true, false));
        }
        Map<String, Object> m = head("grad", spec, seed, step);
        m.put("batch", batchKind);
        m.put("cell", cell.name());
        m.put("loss", s.loss());
        m.put("norms", new LinkedHashMap<String, Object>(s.gradNorms()));
        if (stats != null) {
            m.put("stats", stats);
            m.put("tensors", tensors);
        }
        log.write(m);
    }

    private static Map<String, Object> head(String kind, ProtocolRunSpec spec, long seed, int step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("run", spec.name());
        m.put("arch", spec.config().architecture().configName());
        m.put("seed", seed);
        m.put("step", step);
        return m;
    }
}
