package org.hrmtext.app.config;

import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.ports.BackendOptions;

/**
 * The {@code backend:} section: which installed backend trains ({@code train}) and which serves
 * inference ({@code infer}), on which device, with how many compute threads (0 = the backend's
 * default). {@code deterministic} runs the computation on one thread, where the backends' CPU
 * kernels give bit-identical results run after run (with more threads their reductions may add
 * in a different order each time); it cannot be combined with {@code threads} above 1.
 */
public record BackendSettings(String train, String infer, String device, int threads, boolean deterministic) {
    private static final Set<String> DEVICES = Set.of("cpu", "cuda");

    public BackendSettings {
        if (train.isBlank() || infer.isBlank()) {
            throw new InvalidInputException("backend.train and backend.infer: expected a backend name, e.g. djl");
        }
        if (!DEVICES.contains(device)) {
            throw new InvalidInputException("backend.device: expected cpu or cuda, got \"" + device + "\"");
        }
        if (threads < 0) {
            throw new InvalidInputException("backend.threads: expected an integer >= 0, got " + threads);
        }
        if (deterministic && threads > 1) {
            throw new InvalidInputException("backend.deterministic: true runs on one compute thread, but backend.threads is "
                    + threads + "; set backend.threads to 1 (or leave it out)");
        }
    }

    public BackendOptions options() {
        return new BackendOptions(device, deterministic ? 1 : threads);
    }
}
