package org.hrmtext.domain.text;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;

/**
 * The names of the special tokens in a vocabulary, by role: {@code boq} (begin of question),
 * {@code eoq}, {@code eoa} (end of answer) and one token per {@link Condition}. Names are
 * configurable; {@link #reference()} holds those of the released HRM-Text tokenizer.
 *
 * <pre>{@code
 * SpecialTokens names = SpecialTokens.reference().with("eoa", "</s>");
 * }</pre>
 */
public record SpecialTokens(String boq, String eoq, String eoa, Map<Condition, String> conditions) {
    /** The role keys, in the order they are listed in files: boq, eoq, eoa, then the conditions. */
    public static final List<String> KEYS = List.of("boq", "eoq", "eoa", "direct", "cot", "synth", "noisy");

    public SpecialTokens {
        Set<String> seen = new HashSet<>();
        for (String key : KEYS) {
            String name = key.equals("boq") ? boq : key.equals("eoq") ? eoq : key.equals("eoa") ? eoa
                    : conditions.get(Condition.of(key));
            if (name == null || name.isEmpty()) {
                throw new InvalidInputException("special token " + key + ": expected a non-empty token name");
            }
            if (!seen.add(name)) {
                throw new InvalidInputException("special token " + key + ": \"" + name + "\" is already used by another role");
            }
        }
        conditions = Map.copyOf(conditions);
    }

    /**
     * The names in the reference HRM-Text tokenizer (Qwen-style tokens), as the reference's
     * {@code prepare_sft_data.py} maps them: direct = {@code <|object_ref_start|>}, cot =
     * {@code <|object_ref_end|>}, noisy = {@code <|quad_start|>}, synth = {@code <|quad_end|>}.
     */
    public static SpecialTokens reference() {
        return new SpecialTokens("<|im_start|>", "<|im_end|>", "<|box_end|>", conditions("<|object_ref_start|>",
                "<|object_ref_end|>", "<|quad_end|>", "<|quad_start|>"));
    }

    /** The names of the built-in byte-level tokenizer: {@code <boq>}, {@code <eoq>}, {@code <eoa>}, {@code <direct>}, … */
    public static SpecialTokens byteLevel() {
        return new SpecialTokens("<boq>", "<eoq>", "<eoa>", conditions("<direct>", "<cot>", "<synth>", "<noisy>"));
    }

    /** These names with the role {@code key} (one of {@link #KEYS}) renamed. */
    public SpecialTokens with(String key, String name) {
        Map<String, String> m = byKey();
        if (!m.containsKey(key)) {
            throw new InvalidInputException("special token \"" + key + "\": unknown role; expected one of " + KEYS);
        }
        m.put(key, name);
        return fromKeys(m);
    }

    /** These names with each role in {@code renames} (role key → name) renamed. */
    public SpecialTokens with(Map<String, String> renames) {
        SpecialTokens out = this;
        for (Map.Entry<String, String> e : renames.entrySet()) {
            out = out.with(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Role key → name, in {@link #KEYS} order. */
    public Map<String, String> byKey() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("boq", boq);
        m.put("eoq", eoq);
        m.put("eoa", eoa);
        for (Condition c : Condition.values()) {
            m.put(c.key(), conditions.get(c));
        }
        return m;
    }

    /** Names from a role key → name map holding every key of {@link #KEYS}. */
    public static SpecialTokens fromKeys(Map<String, String> byKey) {
        Map<Condition, String> conds = new EnumMap<>(Condition.class);
        for (Condition c : Condition.values()) {
            conds.put(c, byKey.get(c.key()));
        }
        return new SpecialTokens(byKey.get("boq"), byKey.get("eoq"), byKey.get("eoa"), conds);
    }

    private static Map<Condition, String> conditions(String direct, String cot, String synth, String noisy) {
        return Map.of(Condition.DIRECT, direct, Condition.COT, cot, Condition.SYNTH, synth, Condition.NOISY, noisy);
    }
}
