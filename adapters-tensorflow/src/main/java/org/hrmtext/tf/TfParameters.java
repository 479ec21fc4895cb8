package org.hrmtext.tf;

import java.util.List;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A model's tensors as graph variables in the fused layout ({@code gqkv_proj}, {@code gate_up_proj}:
 * one matmul instead of four), loaded from and read back to the split Hugging Face names.
 */
final class TfParameters {
    private final ParameterLayout layout;
    private final List<FusedTensor> fused;
    private final TfVariableSet variables;

    TfParameters(Ops tf, ParameterLayout layout) {
        this.layout = layout;
        this.fused = FusedLayout.of(layout).tensors();
        this.variables = new TfVariableSet(tf, "param", fused);
    }

    ModelConfig config() {
        return layout.config();
    }

    ParameterLayout layout() {
        return layout;
    }

    List<FusedTensor> fusedTensors() {
        return fused;
    }

    /** The graph value of a fused tensor, as every op that uses it reads it. */
    Operand<TFloat32> value(String fusedName) {
        return variables.get(fusedName).value();
    }

    TfVariable variable(String fusedName) {
        return variables.get(fusedName);
    }

    void load(Session session, ModelWeights weights) {
        variables.load(session, t -> FusedLayout.fuse(t, weights));
    }

    /** Current values under the split Hugging Face names. */
    ModelWeights download(Session session) {
        return ModelWeights.of(layout, variables.readParts(session), "tensorflow");
    }
}
