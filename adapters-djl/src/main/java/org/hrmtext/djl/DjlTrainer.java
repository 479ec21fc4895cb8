package org.hrmtext.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.diagnostics.BlockDepth;
import org.hrmtext.domain.diagnostics.DepthProbe;
import org.hrmtext.domain.diagnostics.EffectiveDepth;
import org.hrmtext.domain.diagnostics.GradientStatistics;
import org.hrmtext.domain.diagnostics.StateGradients;
import org.hrmtext.domain.diagnostics.TensorMoments;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.ports.OptimizerState;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.ScoreResult;
import org.hrmtext.ports.ScoredGradients;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.StepResult;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * A model held by libtorch through DJL. Every step and score runs inside an {@link NDScope} so
 * that its temporaries are freed when it ends (no per-step memory growth); parameters, moments
 * and EMA live in the trainer's own manager until {@link #close()}.
 */
final class DjlTrainer implements Trainer {
    private final NDManager manager;
    private final ModelConfig config;
    private final DjlParameters params;
    private final DjlRecurrence recurrence;
    private final DjlAdamAtan2 optimizer;
    private boolean closed;

    DjlTrainer(NDManager manager, TrainerSpec spec) {
        this.manager = manager;
        this.config = spec.weights().layout().config();
        JniUtils.setGradMode(false);
        this.params = new DjlParameters(manager, spec.weights(), true);
        this.recurrence = new DjlRecurrence(params);
        this.optimizer = new DjlAdamAtan2(manager, params, spec.optimizer(), spec.resumeFrom().orElse(null));
    }

    @Override
    public StepResult step(PackedBatch batch, StepPlan plan) {
        checkOpen();
        batch.checkVocabulary(config.vocabSize());
        Set<String> trained = trainedTensors(plan.schedule());
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Forward f = forwardBackward(batch, plan.schedule());
            double gradNorm = globalNorm(trained);
            boolean finite = Double.isFinite(f.loss) && Double.isFinite(gradNorm);
            Optional<GradientStatistics> statistics = finite && plan.diagnostics()
                    ? Optional.of(DjlGradientStatistics.of(manager, params, trained))
                    : Optional.empty();
            if (finite) {
                optimizer.update(trained, plan.learningRate());
            }
            zeroGradients(trained);
            return new StepResult(f.loss, batch.labelledTokens(), gradNorm, f.predictions, finite, statistics);
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public ScoreResult score(PackedBatch batch, ScoreRequest request) {
        checkOpen();
        batch.checkVocabulary(config.vocabSize());
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, Double> norms = new LinkedHashMap<>();
            Forward f;
            if (request.gradients()) {
                Set<String> trained = trainedTensors(request.schedule());
                f = forwardBackward(batch, request.schedule());
                norms = partNorms(trained);
                zeroGradients(trained);
            } else {
                NDArray logits = recurrence.logits(manager, batch, request.schedule(), false, DjlRecurrence.Taps.NONE);
                f = new Forward(TaskCompletionLoss.of(manager, logits, batch).getFloat(), logits, null);
            }
            Optional<HostTensor> logits = request.logits()
                    ? Optional.of(new HostTensor("logits", new int[] {batch.tokens(), config.vocabSize()},
                            f.logits.toFloatArray()))
                    : Optional.empty();
            return new ScoreResult(f.loss, batch.labelledTokens(), norms, logits);
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public boolean scoresStatistics() {
        return true;
    }

    @Override
    public ScoredGradients scoreWithStatistics(PackedBatch batch, RecurrenceSchedule schedule) {
        checkOpen();
        batch.checkVocabulary(config.vocabSize());
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Set<String> trained = trainedTensors(schedule);
            Forward f = forwardBackward(batch, schedule);
            Map<String, Double> norms = partNorms(trained);
            GradientStatistics statistics = DjlGradientStatistics.of(manager, params, trained);
            Map<String, TensorMoments> tensors = DjlGradientStatistics.moments(manager, partGradients(trained));
            zeroGradients(trained);
            return new ScoredGradients(new ScoreResult(f.loss, batch.labelledTokens(), norms, Optional.empty()), statistics,
                    tensors);
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public BlockDepth blockDepth(PackedBatch batch, RecurrenceSchedule schedule) {
        return forwardOnly(batch, () -> DjlDepthProbe.blocks(manager, recurrence, batch, schedule));
    }

    @Override
    public StateGradients stateGradients(PackedBatch batch, RecurrenceSchedule schedule) {
        checkOpen();
        batch.checkVocabulary(config.vocabSize());
        if (!schedule.calls().stream().allMatch(ModuleCall::carriesGradient)) {
            throw new InvalidInputException("state gradients need a schedule in which every call carries gradient (full BPTT)");
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Set<String> trained = trainedTensors(schedule);
            List<NDArray> probes = new ArrayList<>();
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits = recurrence.logits(manager, batch, schedule, true, DjlRecurrence.Taps.probes(probes));
                gc.backward(TaskCompletionLoss.of(manager, logits, batch));
                JniUtils.setGradMode(false);
            }
            NDList norms = new NDList();
            probes.forEach(p -> norms.add(p.getGradient().toType(DataType.FLOAT64, false).square().sum().sqrt()));
            double[] values = NDArrays.stack(norms).toDoubleArray();
            zeroGradients(trained);
            List<String> labels = DepthProbe.plan(schedule).stream().map(DepthProbe.Step::label).toList();
            return new StateGradients(labels, values);
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public EffectiveDepth probe(PackedBatch batch, RecurrenceSchedule schedule) {
        return forwardOnly(batch, () -> DjlDepthProbe.run(manager, recurrence, batch, schedule));
    }

    /** A forward-only measurement of {@code batch}, its intermediates freed when it returns. */
    private <T> T forwardOnly(PackedBatch batch, Supplier<T> measurement) {
        checkOpen();
        batch.checkVocabulary(config.vocabSize());
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return measurement.get();
        }
    }

    private record Forward(double loss, NDArray logits, int[] predictions) {
    }

    private Forward forwardBackward(PackedBatch batch, RecurrenceSchedule schedule) {
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray logits = recurrence.logits(manager, batch, schedule, true, DjlRecurrence.Taps.NONE);
            NDArray loss = TaskCompletionLoss.of(manager, logits, batch);
            if (Boolean.getBoolean("hrm.debug.gc")) {
                System.gc(); // test hook: a collection between forward and backward must not matter
            }
            gc.backward(loss);
            JniUtils.setGradMode(false);
            return new Forward(loss.getFloat(), logits, TaskCompletionLoss.predictions(logits));
        }
    }

    /** Fused tensors that receive a gradient under a schedule. */
    private Set<String> trainedTensors(RecurrenceSchedule schedule) {
        return schedule.trainedTensors(params.fusedTensors().stream().map(FusedTensor::name).toList());
    }

    private double globalNorm(Set<String> trained) {
        NDList squares = new NDList();
        for (String name : trained) {
            squares.add(params.get(name).getGradient().square().sum());
        }
        return Math.sqrt(NDArrays.stack(squares).sum().getFloat());
    }

    /** The gradient of every part (layout tensor) of the trained fused tensors, in layout order. */
    private Map<String, NDArray> partGradients(Set<String> trained) {
        Map<String, NDArray> parts = new LinkedHashMap<>();
        for (FusedTensor t : params.fusedTensors()) {
            if (!trained.contains(t.name())) {
                continue;
            }
            NDArray g = params.get(t.name()).getGradient();
            List<long[]> rows = DjlParameters.partRows(t);
            for (int i = 0; i < rows.size(); i++) {
                parts.put(t.parts().get(i).name(),
                        rows.size() == 1 ? g : g.get(new NDIndex(rows.get(i)[0] + ":" + rows.get(i)[1])));
            }
        }
        return parts;
    }

    private Map<String, Double> partNorms(Set<String> trained) {
        Map<String, Double> norms = new LinkedHashMap<>();
        params.fusedTensors().forEach(t -> t.parts().forEach(p -> norms.put(p.name(), 0.0)));
        Map<String, NDArray> parts = partGradients(trained);
        NDList squares = new NDList();
        parts.values().forEach(g -> squares.add(g.square().sum()));
        float[] s = squares.isEmpty() ? new float[0] : NDArrays.stack(squares).toFloatArray();
        List<String> names = new ArrayList<>(parts.keySet());
        for (int i = 0; i < s.length; i++) {
            norms.put(names.get(i), Math.sqrt(s[i]));
        }
        return norms;
    }

    private void zeroGradients(Set<String> trained) {
        for (String name : trained) {
            JniUtils.zeroGrad((PtNDArray) params.get(name));
        }
    }

    @Override
    public ModelWeights weights() {
        checkOpen();
        return params.download();
    }

    @Override
    public OptimizerState optimizerState() {
        checkOpen();
        return optimizer.state();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this DJL trainer is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
