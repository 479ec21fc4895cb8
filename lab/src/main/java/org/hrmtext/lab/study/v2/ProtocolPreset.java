package org.hrmtext.lab.study.v2;

import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;

/**
 * A size of the second study protocol: model preset, steps per run, checkpoint interval, batch
 * shape, learning rate, seeds and the runs ({@link ProtocolRunSpec#NAMES}).
 *
 * <ul>
 *   <li>{@code smoke}: the tiny model, 6 steps, checkpoints every 3, HRM and HRM-full, one seed
 *       (the default test suite runs it, seconds);</li>
 *   <li>{@code fair-cpu}: the study's {@code micro} model ({@link ProtocolRunSpec#model}: hidden
 *       32, 2 layers per stack, vocabulary 64), 1500 steps of 10 × 128 fresh tokens (about 75
 *       samples a batch, about 112k fresh samples a run), lr 2e-3, a checkpoint every 30 steps (50
 *       per run), all five runs, 3 seeds — measured: 75 minutes with one thread on 2 cores shared
 *       with another training job (the tiny model, hidden 64 and 2 layers per stack, took about 4
 *       times as long per step and would have needed about 2.5 hours);</li>
 *   <li>{@code gpu}: the small model (hidden 256, 2 layers per stack), 3000 steps of 16 × 256 tokens
 *       (about 240 samples a batch, 720k a run), a checkpoint every 50 steps (60 per run), all five
 *       runs, 3 seeds (documented, not run here; {@code --device cuda}).</li>
 * </ul>
 */
public record ProtocolPreset(String name, String modelPreset, int steps, int every, int rows, int seqLen,
        double learningRate, List<Long> seeds, List<String> runs) {

    private static final Map<String, ProtocolPreset> PRESETS = Map.of(
            "smoke", new ProtocolPreset("smoke", "tiny", 6, 3, 2, 64, 1e-3, List.of(0L), List.of("hrm", "hrm_full")),
            "fair-cpu", new ProtocolPreset("fair-cpu", ProtocolRunSpec.MICRO, 1500, 30, 10, 128, 2e-3, List.of(0L, 1L, 2L),
                    ProtocolRunSpec.NAMES),
            "gpu", new ProtocolPreset("gpu", "small", 3000, 50, 16, 256, 3e-4, List.of(0L, 1L, 2L), ProtocolRunSpec.NAMES));

    public ProtocolPreset {
        seeds = List.copyOf(seeds);
        runs = List.copyOf(runs);
    }

    public static ProtocolPreset named(String name) {
        ProtocolPreset p = PRESETS.get(name);
        if (p == null) {
            throw new InvalidInputException("--preset " + name + ": unknown protocol-v2 preset; expected smoke, fair-cpu or gpu");
        }
        return p;
    }

    /** A copy with other steps, interval, seeds and runs (command-line overrides). */
    public ProtocolPreset with(int steps, int every, List<Long> seeds, List<String> runs) {
        if (steps < 1 || every < 1) {
            throw new InvalidInputException("--steps/--every: expected positive integers, got " + steps + "/" + every);
        }
        for (String r : runs) {
            if (!ProtocolRunSpec.NAMES.contains(r)) {
                throw new InvalidInputException("--runs " + r + ": expected some of " + ProtocolRunSpec.NAMES);
            }
        }
        if (seeds.isEmpty() || runs.isEmpty()) {
            throw new InvalidInputException("--seeds and --runs: expected at least one of each");
        }
        return new ProtocolPreset(name, modelPreset, steps, every, rows, seqLen, learningRate, seeds, runs);
    }
}
