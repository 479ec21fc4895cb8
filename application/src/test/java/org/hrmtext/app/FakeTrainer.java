package org.hrmtext.app;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.ports.OptimizerState;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.ScoreResult;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.StepResult;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * A trainer whose "gradient" is a function of the batch and the schedule and whose loss depends on
 * the weights, so that the order of batches, the learning rates and the restored optimizer state
 * all show in its results.
 */
final class FakeTrainer implements Trainer {
    private final ParameterLayout layout;
    private final Map<String, HostTensor> weights = new LinkedHashMap<>();
    private final Map<String, HostTensor> first = new LinkedHashMap<>();
    private final Map<String, HostTensor> second = new LinkedHashMap<>();
    private final Map<String, Long> steps = new LinkedHashMap<>();
    private final Map<String, HostTensor> ema = new LinkedHashMap<>();
    private final int divergeAtStep;
    private int calls;

    FakeTrainer(TrainerSpec spec, int divergeAtStep) {
        this.layout = spec.weights().layout();
        this.divergeAtStep = divergeAtStep;
        spec.weights().all().forEach(t -> weights.put(t.name(), copy(t)));
        Optional<OptimizerState> r = spec.resumeFrom();
        for (ParameterSpec p : layout.all()) {
            ema.put(p.name(), copy(r.map(s -> s.ema().get(p.name())).orElse(weights.get(p.name()))));
        }
        for (ParameterSpec p : layout.trainable()) {
            HostTensor zero = new HostTensor(p.name(), p.shape(), new float[(int) p.numel()]);
            first.put(p.name(), copy(r.map(s -> s.firstMoments().get(p.name())).orElse(zero)));
            second.put(p.name(), copy(r.map(s -> s.secondMoments().get(p.name())).orElse(zero)));
            steps.put(p.name(), r.map(s -> s.tensorSteps().get(p.name())).orElse(0L));
        }
    }

    private static HostTensor copy(HostTensor t) {
        return new HostTensor(t.name(), t.shape(), t.data().clone());
    }

    @Override
    public StepResult step(PackedBatch batch, StepPlan plan) {
        calls++;
        double loss = weights.get("lm_head.weight").data()[0] + 2.0;
        if (calls == divergeAtStep) {
            return new StepResult(Double.NaN, batch.labelledTokens(), Double.NaN, new int[batch.tokens()], false);
        }
        float g = (float) ((Arrays.stream(batch.inputs()).sum() % 97) / 97.0 + plan.schedule().gradientCalls());
        for (ParameterSpec p : layout.trainable()) {
            float[] w = weights.get(p.name()).data();
            float[] m = first.get(p.name()).data();
            float[] v = second.get(p.name()).data();
            float[] e = ema.get(p.name()).data();
            for (int i = 0; i < w.length; i++) {
                m[i] = 0.9f * m[i] + g;
                v[i] = 0.5f * v[i] + g * g;
                w[i] -= (float) (plan.learningRate() * m[i] / (1 + Math.sqrt(v[i])));
                e[i] = 0.5f * e[i] + 0.5f * w[i];
            }
            steps.merge(p.name(), 1L, Long::sum);
        }
        int[] predictions = batch.labels().clone();
        return new StepResult(loss, batch.labelledTokens(), g, predictions, true);
    }

    @Override
    public ScoreResult score(PackedBatch batch, ScoreRequest request) {
        Map<String, Double> norms = new LinkedHashMap<>();
        if (request.gradients()) {
            layout.all().forEach(p -> norms.put(p.name(), p.trainable() ? 1.0 : 0.0));
        }
        int vocab = layout.config().vocabSize();
        Optional<HostTensor> logits = request.logits()
                ? Optional.of(new HostTensor("out", new int[] {batch.tokens(), vocab}, new float[batch.tokens() * vocab]))
                : Optional.empty();
        return new ScoreResult(weights.get("lm_head.weight").data()[0] + request.schedule().gradientCalls(),
                batch.labelledTokens(), norms, logits);
    }

    @Override
    public ModelWeights weights() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        weights.forEach((k, t) -> out.put(k, copy(t)));
        return ModelWeights.of(layout, out, "fake");
    }

    @Override
    public OptimizerState optimizerState() {
        Map<String, HostTensor> e = new LinkedHashMap<>();
        ema.forEach((k, t) -> e.put(k, copy(t)));
        return new OptimizerState(first, second, steps, ModelWeights.of(layout, e, "fake ema"));
    }

    @Override
    public void close() {
    }
}
