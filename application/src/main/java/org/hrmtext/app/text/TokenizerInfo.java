package org.hrmtext.app.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.json.Json;
import org.hrmtext.domain.json.JsonFields;
import org.hrmtext.domain.json.JsonWriter;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.ports.Tokenizer;

/**
 * {@code tokenizer_info.json}: which tokenizer ({@code type}: {@code byte}, or {@code huggingface}
 * whose vocabulary is the {@code tokenizer.json} beside it), its {@code vocab_size}, and the names
 * of its {@code special_tokens} by role (roles it leaves out keep the defaults of the type):
 *
 * <pre>
 * {"type": "byte", "vocab_size": 263,
 *  "special_tokens": {"boq": "&lt;boq&gt;", "eoq": "&lt;eoq&gt;", "eoa": "&lt;eoa&gt;", "direct": "&lt;direct&gt;", ...}}
 * </pre>
 */
public record TokenizerInfo(String type, int vocabSize, Map<String, String> specialTokens) {
    public static final String FILE = "tokenizer_info.json";

    public TokenizerInfo {
        specialTokens = Map.copyOf(specialTokens);
    }

    public static TokenizerInfo of(Tokenizer tokenizer) {
        return new TokenizerInfo(tokenizer.type(), tokenizer.vocabularySize(), tokenizer.layout().names().byKey());
    }

    /** The special-token names: the defaults of the type with the roles this file names renamed. */
    public SpecialTokens names() {
        SpecialTokens defaults = type.equals(ByteLevelTokenizer.TYPE) ? SpecialTokens.byteLevel() : SpecialTokens.reference();
        return defaults.with(specialTokens);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("vocab_size", vocabSize);
        m.put("special_tokens", new LinkedHashMap<>(names().byKey()));
        return JsonWriter.pretty(m);
    }

    public static TokenizerInfo read(Path file) {
        try {
            Map<String, Object> root = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, String> names = new LinkedHashMap<>();
            if (root.get("special_tokens") instanceof Map<?, ?> given) {
                given.forEach((role, name) -> names.put(String.valueOf(role), String.valueOf(name)));
            }
            JsonFields f = new JsonFields(file.toString(), root);
            TokenizerInfo info = new TokenizerInfo(f.requireString("type"), f.optInt("vocab_size", 0), names);
            info.names(); // checks the roles and names now, so that an error names this file
            return info;
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : InvalidInputException.at(file.toString(), e);
        }
    }
}
