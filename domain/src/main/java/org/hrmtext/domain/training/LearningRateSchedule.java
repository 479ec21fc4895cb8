package org.hrmtext.domain.training;

import org.hrmtext.domain.InvalidInputException;

/**
 * Linear warmup to the base rate, then cosine decay to {@code minRatio · base} at
 * {@code totalSteps} (pretraining uses {@code minRatio = 1}: constant after warmup).
 * Steps count from 1; the rate for a step is evaluated before its update.
 */
public record LearningRateSchedule(double base, int warmupSteps, int totalSteps, double minRatio) {

    public LearningRateSchedule {
        if (!(base >= 0) || warmupSteps < 0 || totalSteps < 1 || !(minRatio >= 0 && minRatio <= 1)) {
            throw new InvalidInputException("learning-rate schedule: expected lr >= 0, warmup_steps >= 0, "
                    + "steps >= 1 and min_lr_ratio in [0, 1], got lr=" + base + " warmup_steps=" + warmupSteps
                    + " steps=" + totalSteps + " min_lr_ratio=" + minRatio);
        }
    }

    public double at(long step) {
        if (step < warmupSteps) {
            return base * Math.min(1.0, (double) step / warmupSteps);
        }
        if (totalSteps <= warmupSteps) {
            return base;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return base * (minRatio + Math.max(0.0, (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }
}
