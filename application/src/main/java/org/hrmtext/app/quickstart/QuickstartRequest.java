package org.hrmtext.app.quickstart;

import java.nio.file.Path;
import org.hrmtext.domain.InvalidInputException;

/**
 * A quickstart run: where to write it, the architecture, the training budget in minutes (0 = the
 * config's steps only), the seed of the task data, and compute threads.
 */
public record QuickstartRequest(Path out, String architecture, double minutes, long seed, int threads) {

    public QuickstartRequest {
        if (!(minutes >= 0) || threads < 1) {
            throw new InvalidInputException("quickstart: expected --minutes >= 0 and --threads >= 1");
        }
    }
}
