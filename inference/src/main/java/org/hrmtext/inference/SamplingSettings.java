package org.hrmtext.inference;

import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.PublicApi;

/**
 * How the next token is chosen from logits: greedy when {@code temperature} is 0, otherwise
 * sampling from {@code softmax(logits / temperature)} restricted by top-k (0 = off), top-p
 * (nucleus; 1 = off) and min-p (tokens below {@code minP · p_max} dropped; 0 = off), with a seed.
 */
@PublicApi
public record SamplingSettings(double temperature, int topK, double topP, double minP, long seed) {

    public SamplingSettings {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new InvalidInputException("temperature: expected a finite number >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new InvalidInputException("top-k: expected an integer >= 0 (0 = off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidInputException("top-p: expected a number in (0, 1], got " + topP);
        }
        if (!(minP >= 0 && minP < 1)) {
            throw new InvalidInputException("min-p: expected a number in [0, 1), got " + minP);
        }
    }

    public static SamplingSettings greedy() {
        return new SamplingSettings(0, 0, 1, 0, 0);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }
}
