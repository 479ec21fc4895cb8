package org.hrmtext.domain.text;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;

/**
 * The special tokens of one vocabulary by id, and the layout of a task-completion sample:
 * instruction ids = {@code <boq> condition… instruction <eoq>}, response ids =
 * {@code response <eoa>}. A generation prompt is the instruction part; generation stops at
 * {@code <eoa>}.
 *
 * <pre>{@code
 * TokenLayout layout = TokenLayout.resolve(SpecialTokens.reference(), vocab::idOf, "tokenizer.json");
 * Sample s = layout.sample(List.of(Condition.SYNTH, Condition.COT), encode(question), encode(answer));
 * }</pre>
 */
public record TokenLayout(SpecialTokens names, int boq, int eoq, int eoa, Map<Condition, Integer> conditions) {

    public TokenLayout {
        conditions = Map.copyOf(conditions);
    }

    /**
     * Looks every special token up with {@code idOf} (which answers −1 for a name it does not
     * know); a missing one is an error naming it, its role and {@code source}.
     */
    public static TokenLayout resolve(SpecialTokens names, ToIntFunction<String> idOf, String source) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : names.byKey().entrySet()) {
            int id = idOf.applyAsInt(e.getValue());
            if (id < 0) {
                throw new InvalidInputException(source + ": special token \"" + e.getValue() + "\" (" + e.getKey()
                        + ") is not in the vocabulary; add it or rename the " + e.getKey() + " token");
            }
            ids.put(e.getKey(), id);
        }
        Map<Condition, Integer> conds = new EnumMap<>(Condition.class);
        for (Condition c : Condition.values()) {
            conds.put(c, ids.get(c.key()));
        }
        return new TokenLayout(names, ids.get("boq"), ids.get("eoq"), ids.get("eoa"), conds);
    }

    /** {@code <boq> condition… text <eoq>}. */
    public int[] instruction(List<Condition> conds, int[] text) {
        int[] out = new int[text.length + conds.size() + 2];
        out[0] = boq;
        for (int i = 0; i < conds.size(); i++) {
            out[1 + i] = conditions.get(conds.get(i));
        }
        System.arraycopy(text, 0, out, 1 + conds.size(), text.length);
        out[out.length - 1] = eoq;
        return out;
    }

    /** {@code text <eoa>}. */
    public int[] response(int[] text) {
        int[] out = Arrays.copyOf(text, text.length + 1);
        out[text.length] = eoa;
        return out;
    }

    /** A sample from tokenized instruction and response text. */
    public Sample sample(List<Condition> conds, int[] instructionText, int[] responseText) {
        return new Sample(instruction(conds, instructionText), response(responseText));
    }

    /** The generated tokens before the first {@code <eoa>} (all of them when there is none). */
    public int[] answer(int[] generated) {
        for (int i = 0; i < generated.length; i++) {
            if (generated[i] == eoa) {
                return Arrays.copyOf(generated, i);
            }
        }
        return generated.clone();
    }
}
