package org.hrmtext.app.train;

import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.app.config.TrainingConfig;

/**
 * One {@code hrm train} invocation: the configuration, the data (a prepared dataset directory, a
 * token-id JSONL or a text JSONL), the output directory, when resuming the checkpoint directory to
 * continue from, and for text JSONL the tokenizer ({@code byte} when absent).
 */
public record TrainRequest(TrainingConfig config, Path data, Path out, Optional<Path> resume, Optional<String> tokenizer) {

    /** A request whose text data, if any, uses the byte tokenizer. */
    public TrainRequest(TrainingConfig config, Path data, Path out, Optional<Path> resume) {
        this(config, data, out, resume, Optional.empty());
    }
}
