package org.hrmtext.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.domain.training.AdamAtan2Steps;
import org.hrmtext.ports.OptimizerState;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * AdamATan2 with decoupled weight decay and a weight EMA, as graph ops on variables beside the
 * parameters. Per tensor as in the reference: only tensors that received a gradient this step
 * are updated, each with its own step counter (the domain's {@link AdamAtan2Steps}, which also
 * gives the bias-correction factors).
 * The per-tensor factors that depend on the learning rate and step enter as three small vectors.
 */
final class TfAdamAtan2 {
    private final AdamAtan2Settings settings;
    private final List<FusedTensor> trainable = new ArrayList<>();
    private final TfVariableSet firstMoments;
    private final TfVariableSet secondMoments;
    private final TfVariableSet gradients;
    private final TfVariableSet ema;
    private final TfParameters params;
    private final Placeholder<TFloat32> decay;
    private final Placeholder<TFloat32> stepScale;
    private final Placeholder<TFloat32> denomScale;
    private final Map<String, Op> updates = new LinkedHashMap<>();
    private AdamAtan2Steps steps;

    TfAdamAtan2(Ops tf, TfParameters params, AdamAtan2Settings settings) {
        this.settings = settings;
        this.params = params;
        params.fusedTensors().stream().filter(FusedTensor::trainable).forEach(trainable::add);
        Ops opt = tf.withSubScope("adam_atan2");
        firstMoments = new TfVariableSet(opt, "m", trainable);
        secondMoments = new TfVariableSet(opt, "v", trainable);
        gradients = new TfVariableSet(opt, "grad", trainable);
        ema = new TfVariableSet(opt, "ema", params.fusedTensors());
        Shape perTensor = Shape.of(trainable.size());
        decay = opt.withName("decay").placeholder(TFloat32.class, Placeholder.shape(perTensor));
        stepScale = opt.withName("step_scale").placeholder(TFloat32.class, Placeholder.shape(perTensor));
        denomScale = opt.withName("denom_scale").placeholder(TFloat32.class, Placeholder.shape(perTensor));
        for (int i = 0; i < trainable.size(); i++) {
            String name = trainable.get(i).name();
            updates.put(name, TfAdamAtan2Update.build(opt.withSubScope("update_" + i), settings, i,
                    params.variable(name), firstMoments.get(name), secondMoments.get(name), gradients.get(name),
                    ema.get(name), decay, stepScale, denomScale));
        }
    }

    /** The buffer a schedule's gradient of {@code fusedName} is stored in before the update. */
    TfVariable gradientBuffer(String fusedName) {
        return gradients.get(fusedName);
    }

    /** Zero moments and an EMA equal to {@code weights}, or the state of a run being resumed. */
    void load(Session session, ModelWeights weights, OptimizerState resume) {
        if (resume == null) {
            firstMoments.load(session, t -> zeros(t));
            secondMoments.load(session, t -> zeros(t));
            ema.load(session, t -> FusedLayout.fuse(t, weights));
            steps = AdamAtan2Steps.fresh(settings, trainable);
        } else {
            firstMoments.load(session, t -> FusedLayout.fuse(t, resume.firstMoments(), "optimizer state"));
            secondMoments.load(session, t -> FusedLayout.fuse(t, resume.secondMoments(), "optimizer state"));
            ema.load(session, t -> FusedLayout.fuse(t, resume.ema()));
            steps = AdamAtan2Steps.resume(settings, trainable, resume.tensorSteps());
        }
    }

    /** One update of every fused tensor in {@code trained} with its stored gradient. */
    void update(Session session, Set<String> trained, double lr) {
        float[] decays = new float[trainable.size()];
        float[] scales = new float[trainable.size()];
        float[] denoms = new float[trainable.size()];
        Session.Runner runner = session.runner();
        for (int i = 0; i < trainable.size(); i++) {
            String name = trainable.get(i).name();
            if (!trained.contains(name)) {
                continue;
            }
            AdamAtan2Steps.Factors f = steps.advance(name, lr);
            decays[i] = (float) f.decay();
            scales[i] = (float) f.stepScale();
            denoms[i] = (float) f.denomScale();
            runner.addTarget(updates.get(name));
        }
        long[] shape = {trainable.size()};
        try (TfFeed feed = new TfFeed()) {
            feed.floats(decay, shape, decays).floats(stepScale, shape, scales).floats(denomScale, shape, denoms);
            feed.bind(runner).run().close();
        }
    }

    OptimizerState state(Session session) {
        ModelWeights emaWeights = ModelWeights.of(params.layout(), ema.readParts(session), "tensorflow ema");
        return new OptimizerState(firstMoments.readParts(session), secondMoments.readParts(session),
                steps.byPartName(), emaWeights);
    }

    private static HostTensor zeros(FusedTensor t) {
        return new HostTensor(t.name(), t.shape(), new float[(int) HostTensor.numel(t.shape())]);
    }
}
