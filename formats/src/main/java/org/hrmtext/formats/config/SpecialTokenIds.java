package org.hrmtext.formats.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.PublicApi;
import org.hrmtext.formats.json.JsonFields;

/**
 * The token ids a {@code config.json} names: {@code pad_token_id}, {@code bos_token_id} (the
 * release: 6, {@code <|im_start|>}, the start of a question) and {@code eos_token_id} (11,
 * {@code <|box_end|>}, the end of an answer, where generation stops). Each may be absent
 * (transformers' default is none).
 */
@PublicApi
public record SpecialTokenIds(OptionalInt pad, OptionalInt bos, OptionalInt eos) {
    public static final SpecialTokenIds NONE = new SpecialTokenIds(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

    /** Reads the three keys of a parsed config; an id outside {@code [0, vocab)} is an error naming the key. */
    public static SpecialTokenIds fromMap(String source, Map<String, Object> map, int vocab) {
        JsonFields f = new JsonFields(source, map);
        return new SpecialTokenIds(id(f, "pad_token_id", vocab), id(f, "bos_token_id", vocab), id(f, "eos_token_id", vocab));
    }

    private static OptionalInt id(JsonFields f, String key, int vocab) {
        if (!f.has(key)) {
            return OptionalInt.empty();
        }
        int id = f.optInt(key, -1);
        if (id < 0 || id >= vocab) {
            throw new InvalidInputException("key " + key + ": expected a token id in [0, " + vocab + "), got " + id);
        }
        return OptionalInt.of(id);
    }

    /** The keys that are present, for writing a config. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        pad.ifPresent(v -> m.put("pad_token_id", v));
        bos.ifPresent(v -> m.put("bos_token_id", v));
        eos.ifPresent(v -> m.put("eos_token_id", v));
        return m;
    }
}
