package org.hrmtext.app.train;

import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.app.config.TrainingConfig;

/**
 * One {@code hrm train} invocation: the configuration, the token-id JSONL data, the output
 * directory and, when resuming, the checkpoint directory to continue from.
 */
public record TrainRequest(TrainingConfig config, Path data, Path out, Optional<Path> resume) {
}
