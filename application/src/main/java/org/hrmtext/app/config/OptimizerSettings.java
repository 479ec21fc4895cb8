package org.hrmtext.app.config;

import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.domain.training.LearningRateSchedule;

/**
 * The {@code optimizer:} section: the learning-rate schedule (linear warmup, cosine to
 * {@code minLrRatio · lr}) and the AdamATan2 + EMA hyper-parameters.
 */
public record OptimizerSettings(double lr, int warmupSteps, double minLrRatio, AdamAtan2Settings adamAtan2) {
    /**
     * Default peak learning rate: higher than the paper's 2.2e-4 (tuned for 196k-token batches
     * of a 1B model) because the CPU presets are tiny and their batches small.
     */
    public static final double DEFAULT_LR = 1e-3;

    public OptimizerSettings {
        if (!(lr > 0) || warmupSteps < 0 || !(minLrRatio >= 0 && minLrRatio <= 1)) {
            throw new InvalidInputException("optimizer: expected lr > 0, warmup_steps >= 0 and min_lr_ratio in [0, 1], got lr="
                    + lr + " warmup_steps=" + warmupSteps + " min_lr_ratio=" + minLrRatio);
        }
    }

    public LearningRateSchedule learningRate(int totalSteps) {
        return new LearningRateSchedule(lr, warmupSteps, totalSteps, minLrRatio);
    }
}
