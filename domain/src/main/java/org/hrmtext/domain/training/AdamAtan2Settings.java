package org.hrmtext.domain.training;

import org.hrmtext.domain.InvalidInputException;

/**
 * Hyper-parameters of AdamATan2 with decoupled weight decay and a weight EMA.
 *
 * <p>Per tensor with a gradient this step: {@code p ← p·(1 − lr·wd)}; {@code m ← lerp(m, g, 1−β1)};
 * {@code v ← β2·v + (1−β2)·g²}; {@code t ← t+1};
 * {@code p ← p − lr/(1−β1^t) · atan2(m, sqrt(v)/sqrt(1−β2^t))}; {@code ema ← lerp(ema, p, 1−decay)}.
 * A tensor without a gradient this step is skipped entirely (its own {@code t} does not advance).
 */
public record AdamAtan2Settings(double beta1, double beta2, double weightDecay, double emaDecay) {

    public AdamAtan2Settings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new InvalidInputException("optimizer: beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(weightDecay >= 0) || !(emaDecay >= 0 && emaDecay <= 1)) {
            throw new InvalidInputException("optimizer: weight_decay must be >= 0 and ema in [0, 1], got "
                    + weightDecay + ", " + emaDecay);
        }
    }

    /** Pretraining defaults of the paper: β 0.9/0.95, weight decay 0.1, EMA 0.9999. */
    public static AdamAtan2Settings pretraining() {
        return new AdamAtan2Settings(0.9, 0.95, 0.1, 0.9999);
    }
}
