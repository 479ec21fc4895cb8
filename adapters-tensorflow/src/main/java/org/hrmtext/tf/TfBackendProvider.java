package org.hrmtext.tf;

import java.util.EnumSet;
import java.util.Set;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.MatmulProduct;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;
import org.tensorflow.Graph;
import org.tensorflow.proto.ConfigProto;

/**
 * The {@code tensorflow} backend: TensorFlow Java 1.1.0 (TensorFlow 2.18) in graph mode on the
 * CPU, an alternative trainer to {@code djl} that computes the same losses, gradients and
 * AdamATan2 updates and exchanges weights and optimizer state with it under the Hugging Face
 * names. Listed in {@code META-INF/services/org.hrmtext.ports.BackendProvider}.
 *
 * <p>Set {@code TF_CPP_MIN_LOG_LEVEL=2} in the environment of the JVM to keep TensorFlow's
 * informational start-up lines off the console; the native library reads it only once, on load.
 */
public final class TfBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "tensorflow";
    }

    @Override
    public Set<BackendCapability> capabilities() {
        return EnumSet.of(BackendCapability.TRAIN, BackendCapability.SCORE);
    }

    @Override
    public Trainer openTrainer(TrainerSpec spec, BackendOptions options) {
        ConfigProto config = TfSessionConfig.of(options);
        Graph graph = new Graph();
        try {
            return new TfTrainer(graph, spec, config);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    @Override
    public MatmulProduct matmulProduct(int n, BackendOptions options) {
        return TfMatmulProduct.open(n, TfSessionConfig.of(options));
    }
}
