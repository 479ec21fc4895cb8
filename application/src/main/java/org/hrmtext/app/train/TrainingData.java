package org.hrmtext.app.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.domain.data.Sample;

/**
 * The samples of a run, each epoch's sample order, where the tokenizer files are (for text data,
 * copied into the trained model directory), and a temporary directory to delete when done (data
 * prepared on the fly).
 */
record TrainingData(List<Sample> samples, IntFunction<int[]> orderOfEpoch, Optional<Path> tokenizerDir,
        Optional<Path> scratch) implements AutoCloseable {

    @Override
    public void close() {
        scratch.ifPresent(AtomicDirectory::deleteTreeQuietly);
    }
}
