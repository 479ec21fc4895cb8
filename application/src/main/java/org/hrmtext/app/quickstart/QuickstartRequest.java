package org.hrmtext.app.quickstart;

import java.nio.file.Path;
import org.hrmtext.domain.InvalidInputException;

/**
 * A quickstart run: where to write it, the architecture, the training budget in minutes (0 = the
 * steps only), the training steps (0 = the bundled config's), the seed of the task data and
 * weights, and compute threads (0 = the backend's own: one per core).
 */
public record QuickstartRequest(Path out, String architecture, double minutes, int steps, long seed, int threads) {

    public QuickstartRequest {
        if (!(minutes >= 0) || steps < 0 || threads < 0) {
            throw new InvalidInputException("quickstart: expected --minutes >= 0, --steps >= 0 and --threads >= 0");
        }
    }
}
