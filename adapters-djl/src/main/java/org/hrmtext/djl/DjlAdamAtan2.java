package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.ports.OptimizerState;

/**
 * AdamATan2 with decoupled weight decay and a weight EMA, per tensor as in the reference: only
 * tensors that received a gradient this step are touched, each with its own step counter.
 * State lives on the device beside the parameters; updates run in place outside autograd.
 */
final class DjlAdamAtan2 {
    private final AdamAtan2Settings settings;
    private final DjlParameters params;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> ema = new LinkedHashMap<>();
    private final Map<String, Long> steps = new LinkedHashMap<>();

    DjlAdamAtan2(NDManager manager, DjlParameters params, AdamAtan2Settings settings, OptimizerState resume) {
        this.settings = settings;
        this.params = params;
        for (FusedTensor t : params.fusedTensors()) {
            NDArray p = params.get(t.name());
            ema.put(t.name(), resume == null ? p.duplicate() : DjlParameters.upload(manager, FusedLayout.fuse(t, resume.ema())));
            if (!t.trainable()) {
                continue;
            }
            if (resume == null) {
                firstMoments.put(t.name(), manager.zeros(p.getShape()));
                secondMoments.put(t.name(), manager.zeros(p.getShape()));
                steps.put(t.name(), 0L);
            } else {
                firstMoments.put(t.name(), DjlParameters.upload(manager, FusedLayout.fuse(t, resume.firstMoments(), "optimizer state")));
                secondMoments.put(t.name(), DjlParameters.upload(manager, FusedLayout.fuse(t, resume.secondMoments(), "optimizer state")));
                steps.put(t.name(), resume.tensorSteps().getOrDefault(t.parts().get(0).name(), 0L));
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
            long t = steps.merge(name, 1L, Long::sum);
            p.muli((float) (1 - lr * settings.weightDecay()));
            m.addi(g.sub(m).muli((float) (1 - b1)));
            v.muli((float) b2).addi(g.square().muli((float) (1 - b2)));
            double bc1 = 1 - Math.pow(b1, t);
            double bc2 = 1 - Math.pow(b2, t);
            NDArray denom = v.sqrt().divi((float) Math.sqrt(bc2));
            p.subi(m.atan2(denom).muli((float) (lr / bc1)));
            NDArray e = ema.get(name);
            e.addi(p.sub(e).muli((float) (1 - settings.emaDecay())));
        }
    }

    OptimizerState state() {
        Map<String, Long> perName = new LinkedHashMap<>();
        for (FusedTensor t : params.fusedTensors()) {
            if (t.trainable()) {
                t.parts().forEach(p -> perName.put(p.name(), steps.get(t.name())));
            }
        }
        ModelWeights emaWeights = params.download(ema);
        return new OptimizerState(params.downloadParts(firstMoments), params.downloadParts(secondMoments), perName,
                emaWeights);
    }
}
