package org.hrmtext.onnx;

import java.util.EnumSet;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.MatmulProduct;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelExporter;
import org.hrmtext.ports.ModelSource;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * The {@code onnx} backend: ONNX export and ONNX Runtime generation (CPU by default, the CUDA
 * execution provider with {@code device=cuda} and the {@code cuda} Maven profile). It cannot
 * train. Listed in {@code META-INF/services/org.hrmtext.ports.BackendProvider}; holds nothing
 * native until {@link #openInference} opens a session.
 */
public final class OnnxBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public Set<BackendCapability> capabilities() {
        return EnumSet.of(BackendCapability.GENERATE, BackendCapability.EXPORT);
    }

    @Override
    public Trainer openTrainer(TrainerSpec spec, BackendOptions options) {
        throw new InvalidInputException("backend onnx cannot train; choose a backend with the TRAIN capability (djl)");
    }

    @Override
    public InferenceModel openInference(ModelSource source, BackendOptions options) {
        return OrtModelLoader.open(source, options);
    }

    @Override
    public ModelExporter exporter() {
        return new OnnxExporter();
    }

    @Override
    public MatmulProduct matmulProduct(int n, BackendOptions options) {
        return OrtMatmulProduct.open(n, options);
    }
}
