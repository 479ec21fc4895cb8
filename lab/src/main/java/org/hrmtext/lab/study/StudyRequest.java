package org.hrmtext.lab.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.schedule.CreditPattern;

/**
 * One {@code hrm study gradients} invocation: the preset, the steps per setting, the architectures
 * and requested depth patterns, the data (a token-id JSONL, or empty for the {@link BuiltinTask}),
 * the output directory, the backend, its threads and the seed of weights and data.
 */
public record StudyRequest(StudyPreset preset, int steps, List<Architecture> archs, List<CreditPattern> depths,
        Optional<Path> data, Path out, String backend, int threads, long seed) {

    public StudyRequest {
        archs = List.copyOf(archs);
        depths = List.copyOf(depths);
        if (steps < 1) {
            throw new InvalidInputException("--steps: expected a positive integer, got " + steps);
        }
        if (archs.isEmpty() || depths.isEmpty()) {
            throw new InvalidInputException("--archs and --depths: expected at least one of each");
        }
        if (threads < 0) {
            throw new InvalidInputException("--threads: expected an integer >= 0, got " + threads);
        }
    }

    /** The steps at which the paired comparison runs: {@code checkpoints} evenly spaced, the last at the end. */
    public List<Integer> checkpointSteps() {
        int c = Math.min(preset.checkpoints(), steps);
        return IntStream.rangeClosed(1, c).mapToObj(k -> (int) Math.round((double) k * steps / c))
                .distinct().toList();
    }
}
