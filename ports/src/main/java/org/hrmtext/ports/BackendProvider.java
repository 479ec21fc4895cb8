package org.hrmtext.ports;

import java.util.Set;
import org.hrmtext.domain.PublicApi;

/**
 * The plugin SPI: one implementation per compute backend, listed in
 * {@code META-INF/services/org.hrmtext.ports.BackendProvider}, found by {@link java.util.ServiceLoader}.
 * A provider is cheap to construct and holds no native resources; {@link #openTrainer} opens them.
 */
@PublicApi
public interface BackendProvider {

    /** The name users select it by, e.g. {@code djl}. */
    String name();

    Set<BackendCapability> capabilities();

    /** Opens a trainer (and scorer) holding the model's weights and optimizer state on the backend. */
    Trainer openTrainer(TrainerSpec spec, BackendOptions options);

    /** Loads a model for generation. Backends without {@link BackendCapability#GENERATE} refuse. */
    default InferenceModel openInference(ModelSource source, BackendOptions options) {
        throw new org.hrmtext.domain.InvalidInputException("backend " + name() + " cannot generate; "
                + "choose a backend with the GENERATE capability");
    }

    /** The exporter of a backend with {@link BackendCapability#EXPORT}. */
    default ModelExporter exporter() {
        throw new org.hrmtext.domain.InvalidInputException("backend " + name() + " cannot export models");
    }

    /** This backend's float32 {@code n×n×n} matrix product, ready to be timed. */
    MatmulProduct matmulProduct(int n, BackendOptions options);

    /**
     * Measures this backend's float32 matrix-multiply rate on an {@code n×n×n} product, in GFLOP/s,
     * by the one rule of {@link MatmulRate}: the denominator of model FLOPs utilisation.
     */
    default double matmulGflops(int n, BackendOptions options) {
        try (MatmulProduct product = matmulProduct(n, options)) {
            return MatmulRate.gflops(product, n);
        }
    }
}
