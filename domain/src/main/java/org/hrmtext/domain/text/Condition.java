package org.hrmtext.domain.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.PublicApi;

/**
 * How a training sample was made, told to the model by condition tokens right after
 * {@code <boq>}: a direct answer, a chain of thought, synthetic data, or noisy data. Conditions
 * compose: {@code synth,cot} puts the {@code synth} token, then the {@code cot} token.
 */
@PublicApi
public enum Condition {
    DIRECT, COT, SYNTH, NOISY;

    /** The name used in data files and on the command line, e.g. {@code cot}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Condition of(String key) {
        for (Condition c : values()) {
            if (c.key().equals(key.trim())) {
                return c;
            }
        }
        throw new InvalidInputException("unknown condition \"" + key.trim() + "\"; expected one of "
                + Arrays.stream(values()).map(Condition::key).toList() + " or a comma-separated list such as synth,cot");
    }

    /** Parses {@code "synth,cot"} into its conditions in order; a blank text means none. */
    public static List<Condition> parseList(String text) {
        List<Condition> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            out.add(of(part));
        }
        return List.copyOf(out);
    }
}
