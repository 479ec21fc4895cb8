package org.hrmtext.formats.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonFields;
import org.hrmtext.formats.json.JsonWriter;

/**
 * {@code tokenizer_info.json}: which tokenizer, its vocabulary size and the special-token names by
 * role. Two layouts are read, and the one this project writes is readable by both tools:
 *
 * <ul>
 * <li>ours: {@code type} ({@code byte}, or {@code huggingface} whose vocabulary is the
 * {@code tokenizer.json} beside it), {@code vocab_size}, {@code special_tokens} (role → name);</li>
 * <li>the reference data pipeline's ({@code prepare_sft_data.py}, data_io): {@code tokenizer_path},
 * {@code boq}, {@code eoq}, {@code eoa}, {@code condition_mapping} (condition → token),
 * {@code vocab_size}; always a {@code tokenizer.json} tokenizer.</li>
 * </ul>
 * Roles a file leaves out keep the defaults of its type ({@link SpecialTokens#byteLevel()},
 * {@link SpecialTokens#reference()}).
 *
 * <pre>
 * {"tokenizer_path": "/data/sft", "boq": "&lt;|im_start|&gt;", "eoq": "&lt;|im_end|&gt;", "eoa": "&lt;|box_end|&gt;",
 *  "condition_mapping": {"direct": "&lt;|object_ref_start|&gt;", "cot": "&lt;|object_ref_end|&gt;", ...}, "vocab_size": 65536}
 * </pre>
 */
public record TokenizerInfo(String type, int vocabSize, Map<String, String> specialTokens) {
    public static final String FILE = "tokenizer_info.json";
    /** The built-in byte-level tokenizer's type. */
    public static final String BYTE = "byte";
    /** A Hugging Face {@code tokenizer.json} tokenizer's type. */
    public static final String HUGGINGFACE = "huggingface";
    private static final String CONDITION_MAPPING = "condition_mapping";

    public TokenizerInfo {
        specialTokens = Map.copyOf(specialTokens);
    }

    /** The special-token names: the defaults of the type with the roles this file names renamed. */
    public SpecialTokens names() {
        SpecialTokens defaults = type.equals(BYTE) ? SpecialTokens.byteLevel() : SpecialTokens.reference();
        return defaults.with(specialTokens);
    }

    /** Our layout plus the reference's keys, so that the reference's tools read it too. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("vocab_size", vocabSize);
        m.put("special_tokens", new LinkedHashMap<>(names().byKey()));
        m.putAll(referenceKeys());
        return JsonWriter.pretty(m);
    }

    /** Exactly the reference's layout (V1 datasets), with {@code tokenizer_path} naming the tokenizer's folder. */
    public String toReferenceJson(String tokenizerPath) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer_path", tokenizerPath);
        m.putAll(referenceKeys());
        m.put("vocab_size", vocabSize);
        return JsonWriter.pretty(m);
    }

    private Map<String, Object> referenceKeys() {
        SpecialTokens n = names();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("boq", n.boq());
        m.put("eoq", n.eoq());
        m.put("eoa", n.eoa());
        Map<String, String> conds = new LinkedHashMap<>();
        for (Condition c : Condition.values()) {
            conds.put(c.key(), n.conditions().get(c));
        }
        m.put(CONDITION_MAPPING, conds);
        return m;
    }

    /** Reads either layout; an error names the file and the key. */
    public static TokenizerInfo read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses the text of a {@code tokenizer_info.json} ({@code source} names it in errors). */
    public static TokenizerInfo parse(String source, String json) {
        try {
            Map<String, Object> root = Json.parseObject(json);
            JsonFields f = new JsonFields(source, root);
            TokenizerInfo info = root.containsKey("special_tokens") || root.containsKey("type")
                    ? new TokenizerInfo(f.requireString("type"), f.optInt("vocab_size", 0), strings(root.get("special_tokens")))
                    : reference(root, f);
            info.names(); // checks the roles and names now, so that an error names this file
            return info;
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith(source) ? e : InvalidInputException.at(source, e);
        }
    }

    private static TokenizerInfo reference(Map<String, Object> root, JsonFields f) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String role : new String[] {"boq", "eoq", "eoa"}) {
            if (root.containsKey(role)) {
                names.put(role, f.requireString(role));
            }
        }
        Object mapping = root.get(CONDITION_MAPPING);
        if (mapping != null && !(mapping instanceof Map<?, ?>)) {
            throw new InvalidInputException(CONDITION_MAPPING + ": expected an object of condition → token name");
        }
        strings(mapping).forEach((condition, token) -> {
            try {
                names.put(Condition.of(condition).key(), token);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(CONDITION_MAPPING + "." + condition + ": " + e.getMessage(), e);
            }
        });
        if (names.isEmpty()) {
            throw new InvalidInputException("expected \"type\" and \"special_tokens\" (this project) or \"boq\", \"eoq\", "
                    + "\"eoa\" and \"" + CONDITION_MAPPING + "\" (the reference data pipeline)");
        }
        return new TokenizerInfo(HUGGINGFACE, f.optInt("vocab_size", 0), names);
    }

    private static Map<String, String> strings(Object given) {
        Map<String, String> names = new LinkedHashMap<>();
        if (given instanceof Map<?, ?> m) {
            m.forEach((role, name) -> names.put(String.valueOf(role), String.valueOf(name)));
        }
        return names;
    }
}
