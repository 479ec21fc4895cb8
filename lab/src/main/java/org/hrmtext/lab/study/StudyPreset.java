package org.hrmtext.lab.study;

import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;

/**
 * A named size of the study: the model preset, the default steps, architectures and depth
 * patterns, the batch shape, how many checkpoints get the paired full-vs-truncated comparison,
 * how many held-out batches each uses, and the learning rate (AdamATan2, 10 % linear warmup, then
 * constant).
 *
 * <ul>
 *   <li>{@code smoke}: tiny model, hrm and rins at H1L1 and full, 10 steps (the test suite runs it);</li>
 *   <li>{@code tiny}: tiny model, all five architectures at the seven depths, 100 steps of 4 × 128 tokens
 *       (about 6 minutes on 2 cores);</li>
 *   <li>{@code small}: the small model (hidden 256), the same grid, 300 steps of 8 × 256 tokens (hours on a CPU).</li>
 * </ul>
 */
public record StudyPreset(String name, String modelPreset, int steps, List<String> archs, List<String> depths, int rows,
        int seqLen, int checkpoints, int evalBatches, double learningRate) {
    private static final List<String> ALL_ARCHS = List.of("hrm", "rins", "universal_transformer", "trm", "transformer");
    private static final List<String> ALL_DEPTHS = List.of("H1L1", "H1L2", "H1L3", "H2L1", "H2L2", "H2L3", "full");
    private static final Map<String, StudyPreset> PRESETS = Map.of(
            "smoke", new StudyPreset("smoke", "tiny", 10, List.of("hrm", "rins"), List.of("H1L1", "full"), 4, 64, 2, 2, 1e-3),
            "tiny", new StudyPreset("tiny", "tiny", 100, ALL_ARCHS, ALL_DEPTHS, 4, 128, 4, 4, 1e-3),
            "small", new StudyPreset("small", "small", 300, ALL_ARCHS, ALL_DEPTHS, 8, 256, 4, 4, 1e-3));

    public static StudyPreset named(String name) {
        StudyPreset p = PRESETS.get(name);
        if (p == null) {
            throw new InvalidInputException("--preset " + name + ": unknown study preset; expected smoke, tiny or small");
        }
        return p;
    }
}
