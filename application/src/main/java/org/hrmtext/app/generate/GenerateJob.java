package org.hrmtext.app.generate;

import java.nio.file.Path;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.HrmTextModel;

/** One generation: which model, where it runs (backend name and options), and the request. */
public record GenerateJob(Path model, String backend, HrmTextModel.Options options, GenerationRequest request) {
}
