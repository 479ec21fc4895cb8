package org.hrmtext.inference.text;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.PublicApi;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.inference.SamplingSettings;

/**
 * A question for {@link TextModel}: the prompt text (stripped of surrounding white space, as the
 * reference does), the condition token(s) put before it (default {@code direct}; {@code synth,cot}
 * for maths; an empty list for none), sampling, auto-guidance weight, stop strings and the most
 * new tokens. Built with {@link #builder(String)}.
 *
 * <pre>{@code
 * TextRequest r = TextRequest.builder("What is 12 * 7?").conditions(Condition.SYNTH, Condition.COT)
 *         .maxNewTokens(256).stop("\n\n").build();
 * }</pre>
 */
@PublicApi
public record TextRequest(String prompt, List<Condition> conditions, SamplingSettings sampling, double guidance,
        List<String> stopStrings, int maxNewTokens) {
    /** The token limit when none is given. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 256;

    public TextRequest {
        if (prompt == null) {
            throw new InvalidInputException("prompt: expected text");
        }
        prompt = prompt.strip();
        conditions = List.copyOf(conditions);
        stopStrings = List.copyOf(stopStrings);
        if (stopStrings.stream().anyMatch(String::isEmpty)) {
            throw new InvalidInputException("stop strings: expected non-empty strings");
        }
        if (maxNewTokens < 1) {
            throw new InvalidInputException("max-new-tokens: expected an integer >= 1, got " + maxNewTokens);
        }
        if (!Double.isFinite(guidance) || guidance < 0) {
            throw new InvalidInputException("guidance: expected a finite number >= 0, got " + guidance);
        }
    }

    /** A greedy request with the {@code direct} condition and the default token limit. */
    public static TextRequest of(String prompt) {
        return builder(prompt).build();
    }

    public static Builder builder(String prompt) {
        return new Builder(prompt);
    }

    /** Builds a {@link TextRequest}; every setting has a default. */
    @PublicApi
    public static final class Builder {
        private final String prompt;
        private List<Condition> conditions = List.of(Condition.DIRECT);
        private SamplingSettings sampling = SamplingSettings.greedy();
        private double guidance;
        private final List<String> stops = new ArrayList<>();
        private int maxNewTokens = DEFAULT_MAX_NEW_TOKENS;

        private Builder(String prompt) {
            this.prompt = prompt;
        }

        /** The condition tokens, in order; none at all for a prompt without one. */
        public Builder conditions(Condition... conds) {
            this.conditions = List.of(conds);
            return this;
        }

        public Builder conditions(List<Condition> conds) {
            this.conditions = List.copyOf(conds);
            return this;
        }

        public Builder sampling(SamplingSettings settings) {
            this.sampling = settings;
            return this;
        }

        /** Sampling at {@code temperature} (0 = greedy) with a seed, no top-k/top-p/min-p. */
        public Builder temperature(double temperature, long seed) {
            this.sampling = new SamplingSettings(temperature, 0, 1, 0, seed);
            return this;
        }

        public Builder guidance(double weight) {
            this.guidance = weight;
            return this;
        }

        /** Adds stop strings: generation ends when one appears in the text, which then ends before it. */
        public Builder stop(String... strings) {
            stops.addAll(List.of(strings));
            return this;
        }

        public Builder maxNewTokens(int n) {
            this.maxNewTokens = n;
            return this;
        }

        public TextRequest build() {
            return new TextRequest(prompt, conditions, sampling, guidance, stops, maxNewTokens);
        }
    }
}
