package org.hrmtext.domain.config;

import org.hrmtext.domain.InvalidInputException;

/**
 * The recurrence keys of config.json. Each architecture reads the keys it needs:
 * HRM {@code H_cycles, L_cycles, bp_min_steps, bp_max_steps, bp_warmup_ratio};
 * TRM {@code H_cycles, L_cycles, H_bp_steps, L_bp_steps}; universal transformer
 * {@code cycles, bp_cycles}; RINS {@code L_cycles, L_bp_cycles}. Defaults are the paper's.
 * A truncation count beyond the calls it truncates (e.g. {@code L_bp_cycles} above
 * {@code L_cycles}, or {@code bp_max_steps} above all HRM calls) means every such call carries
 * gradient, as in the reference ({@code i >= cycles - bp} holds for every call): these keys only
 * matter for training and never block inference or export.
 */
public record RecurrenceConfig(
        int hCycles,
        int lCycles,
        int bpMinSteps,
        int bpMaxSteps,
        double bpWarmupRatio,
        int hBpSteps,
        int lBpSteps,
        int cycles,
        int bpCycles,
        int lBpCycles) {

    public RecurrenceConfig {
        positive("H_cycles", hCycles);
        positive("L_cycles", lCycles);
        positive("cycles", cycles);
        if (bpMinSteps < 1 || bpMaxSteps < bpMinSteps) {
            throw new InvalidInputException("bp_min_steps/bp_max_steps: expected 1 <= bp_min_steps <= bp_max_steps, got "
                    + bpMinSteps + "/" + bpMaxSteps);
        }
        if (!(bpWarmupRatio >= 0 && bpWarmupRatio <= 1)) {
            throw new InvalidInputException("bp_warmup_ratio: expected a number in [0, 1], got " + bpWarmupRatio);
        }
        nonNegative("H_bp_steps", hBpSteps);
        nonNegative("L_bp_steps", lBpSteps);
        nonNegative("bp_cycles", bpCycles);
        nonNegative("L_bp_cycles", lBpCycles);
    }

    /** The paper's defaults for an architecture. */
    public static RecurrenceConfig defaultsFor(Architecture arch) {
        int lCycles = arch == Architecture.RINS ? 7 : 3;
        return new RecurrenceConfig(2, lCycles, 2, 5, 0.2, 2, 3, 4, 2, 4);
    }

    private static void positive(String key, int v) {
        if (v < 1) {
            throw new InvalidInputException(key + ": expected a positive integer, got " + v);
        }
    }

    private static void nonNegative(String key, int v) {
        if (v < 0) {
            throw new InvalidInputException(key + ": expected a non-negative integer, got " + v);
        }
    }
}
