package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.domain.training.AdamAtan2Steps;
import org.hrmtext.ports.OptimizerState;

/**
 * AdamATan2 with decoupled weight decay and a weight EMA, per tensor as in the reference: only
 * tensors that received a gradient this step are touched, each with its own step counter (the
 * domain's {@link AdamAtan2Steps} keeps them and gives each update's factors).
 * State lives on the device beside the parameters; updates run in place outside autograd.
 */
final class DjlAdamAtan2 {
    private final AdamAtan2Settings settings;
    private final DjlParameters params;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> ema = new LinkedHashMap<>();
    private final AdamAtan2Steps steps;

    DjlAdamAtan2(NDManager manager, DjlParameters params, AdamAtan2Settings settings, OptimizerState resume) {
        this.settings = settings;
        this.params = params;
        List<FusedTensor> trainable = params.fusedTensors().stream().filter(FusedTensor::trainable).toList();
        this.steps = resume == null ? AdamAtan2Steps.fresh(settings, trainable)
                : AdamAtan2Steps.resume(settings, trainable, resume.tensorSteps());
        for (FusedTensor t : params.fusedTensors()) {
            NDArray p = params.get(t.name());
            ema.put(t.name(), resume == null ? p.duplicate() : DjlParameters.upload(manager, FusedLayout.fuse(t, resume.ema())));
            if (!t.trainable()) {
                continue;
            }
            if (resume == null) {
                firstMoments.put(t.name(), manager.zeros(p.getShape()));
                secondMoments.put(t.name(), manager.zeros(p.getShape()));
            } else {
                firstMoments.put(t.name(), DjlParameters.upload(manager, FusedLayout.fuse(t, resume.firstMoments(), "optimizer state")));
                secondMoments.put(t.name(), DjlParameters.upload(manager, FusedLayout.fuse(t, resume.secondMoments(), "optimizer state")));
            }
        }
    }

    /** One update of every fused tensor in {@code trained} with its gradient. */
    void update(Set<String> trained, double lr) {
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        for (String name : trained) {
            NDArray p = params.get(name);
            NDArray g = p.getGradient();
            NDArray m = firstMoments.get(name);
            NDArray v = secondMoments.get(name);
            AdamAtan2Steps.Factors f = steps.advance(name, lr);
            p.muli((float) f.decay());
            m.addi(g.sub(m).muli((float) (1 - b1)));
            v.muli((float) b2).addi(g.square().muli((float) (1 - b2)));
            NDArray denom = v.sqrt().divi((float) f.denomScale());
            p.subi(m.atan2(denom).muli((float) f.stepScale()));
            NDArray e = ema.get(name);
            e.addi(p.sub(e).muli((float) (1 - settings.emaDecay())));
        }
    }

    OptimizerState state() {
        ModelWeights emaWeights = params.download(ema);
        return new OptimizerState(params.downloadParts(firstMoments), params.downloadParts(secondMoments),
                steps.byPartName(), emaWeights);
    }
}
