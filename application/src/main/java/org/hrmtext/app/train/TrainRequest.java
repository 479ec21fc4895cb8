package org.hrmtext.app.train;

import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.app.config.TrainingConfig;

/**
 * One {@code hrm train} invocation: the configuration, the data (a prepared dataset directory, a
 * token-id JSONL or a text JSONL), the output directory, when resuming the checkpoint directory to
 * continue from, for text JSONL the tokenizer ({@code byte} when absent), and the weights a new
 * run starts from instead of a fresh initialisation (fine-tuning), and whether an output directory
 * that already holds a run may be replaced ({@code overwrite}; otherwise it is refused unless resuming).
 */
public record TrainRequest(TrainingConfig config, Path data, Path out, Optional<Path> resume, Optional<String> tokenizer,
        Optional<InitialWeights> initial, boolean overwrite) {

    public TrainRequest {
        if (resume.isPresent() && initial.isPresent()) {
            throw new org.hrmtext.domain.InvalidInputException("a run either resumes a checkpoint or starts from given weights, not both");
        }
    }

    /** A request whose text data, if any, uses the byte tokenizer. */
    public TrainRequest(TrainingConfig config, Path data, Path out, Optional<Path> resume) {
        this(config, data, out, resume, Optional.empty(), Optional.empty(), false);
    }
}
