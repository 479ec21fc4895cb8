package org.hrmtext.app.generate;

import jakarta.inject.Inject;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.inference.GenerationResult;
import org.hrmtext.inference.HrmTextModel;

/**
 * Generates with the backend selected by name from the registry: a model directory or an
 * exported ONNX file, through the shared generation engine.
 */
public final class GenerateUseCase {
    private final BackendRegistry registry;

    @Inject
    public GenerateUseCase(BackendRegistry registry) {
        this.registry = registry;
    }

    public GenerationResult run(GenerateJob job) {
        try (HrmTextModel model = HrmTextModel.open(registry.select(job.backend()), job.model(), job.options())) {
            return model.generate(job.request());
        }
    }
}
