package org.hrmtext.app.train;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;

/**
 * A lower estimate of the memory one training step needs, checked before a run starts so that a
 * batch far too large for the machine ends in a one-line error instead of an
 * {@link OutOfMemoryError} minutes later. Per token, every layer of every gradient-carrying call
 * keeps about {@code 8·hidden + 3·intermediate} floats for the backward pass plus one attention
 * row per head ({@code heads · seq_len}); the output keeps logits, softmax and their gradient
 * ({@code 3 · vocab}). The deepest credit of the run counts. The weights themselves are not
 * included, so the estimate errs on the low side and refuses only what cannot fit.
 */
final class StepMemory {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private StepMemory() {
    }

    /** Bytes of activations one step at the deepest credit of the run keeps. */
    static double bytes(TrainingConfig config) {
        ModelConfig m = config.model();
        double tokens = (double) config.train().rows() * config.train().seqLen();
        int calls = config.train().creditAssignment(m).scheduleAt(config.train().steps()).gradientCalls();
        double perLayer = 8.0 * m.hiddenSize() + 3.0 * m.intermediateSize()
                + (double) m.numAttentionHeads() * config.train().seqLen();
        double perToken = calls * m.numHiddenLayers() * perLayer + 3.0 * m.vocabSize();
        return 4.0 * tokens * perToken;
    }

    /** Fails when the rows of a step cannot be indexed or one step needs more memory than the machine has. */
    static void check(TrainingConfig config) {
        long tokens = (long) config.train().rows() * config.train().seqLen();
        if (tokens > Integer.MAX_VALUE) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "train.rows × train.seq_len = %,d tokens per step; at most %,d fit in one batch: lower train.rows or train.seq_len",
                    tokens, Integer.MAX_VALUE));
        }
        double need = bytes(config);
        long have = physicalMemory();
        if (have > 0 && need > have) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "train.rows = %d × train.seq_len = %d: one training step needs at least %.1f GiB for its activations, "
                            + "more than this machine's %.1f GiB of memory: lower train.rows or train.seq_len",
                    config.train().rows(), config.train().seqLen(), need / GIB, have / GIB));
        }
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }
}
