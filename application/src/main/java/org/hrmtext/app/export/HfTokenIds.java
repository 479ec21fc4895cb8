package org.hrmtext.app.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.config.SpecialTokenIds;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.inference.tokenizer.ModelTokenizer;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.Tokenizer;

/**
 * The special token ids a Hugging Face export names, taken from the model folder, never guessed:
 * {@code bos} and {@code eos} are the tokenizer's question-start and answer-end ({@code <eoa>})
 * tokens (checked against the config's ids by {@link ModelTokenizer}), or the config's ids when the
 * folder has no tokenizer; {@code pad} is the config's {@code pad_token_id}, else the token that
 * {@code tokenizer_config.json} ({@code pad_token}), {@code tokenizer_info.json} ({@code pad}) or
 * {@code tokenizer.json} ({@code padding.pad_token}) names, looked up in the {@code tokenizer.json}
 * added tokens; absent when none of them names one. {@code names} maps ids to added-token names.
 */
record HfTokenIds(SpecialTokenIds ids, Map<Integer, String> names) {
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    static HfTokenIds of(Path dir) {
        SpecialTokenIds config = ModelTokenizer.ids(dir);
        Path json = dir.resolve(TokenizerCatalog.TOKENIZER_JSON);
        Map<Integer, String> names = Files.isRegularFile(json) ? ModelTokenizer.addedTokens(json) : Map.of();
        OptionalInt bos = config.bos();
        OptionalInt eos = config.eos();
        Optional<Tokenizer> opened = ModelTokenizer.open(TokenizerCatalog.installed(), dir);
        if (opened.isPresent()) {
            try (Tokenizer tok = opened.get()) {
                bos = OptionalInt.of(tok.layout().boq());
                eos = OptionalInt.of(tok.layout().eoa());
            }
        }
        OptionalInt pad = config.pad();
        if (pad.isEmpty()) {
            pad = padByName(dir, names);
        }
        return new HfTokenIds(new SpecialTokenIds(pad, bos, eos), names);
    }

    /** The pad token the tokenizer files name, as an id of the added tokens. */
    private static OptionalInt padByName(Path dir, Map<Integer, String> names) {
        String[][] sources = {{TOKENIZER_CONFIG, "pad_token"}, {TokenizerInfo.FILE, "pad"},
            {TokenizerCatalog.TOKENIZER_JSON, "padding", "pad_token"}};
        for (String[] s : sources) {
            Path file = dir.resolve(s[0]);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Object v = read(file);
            for (int i = 1; i < s.length && v != null; i++) {
                v = v instanceof Map<?, ?> m ? m.get(s[i]) : null;
            }
            if (v instanceof Map<?, ?> m) {
                v = m.get("content");
            }
            if (v instanceof String name) {
                for (Map.Entry<Integer, String> e : names.entrySet()) {
                    if (e.getValue().equals(name)) {
                        return OptionalInt.of(e.getKey());
                    }
                }
                throw new InvalidInputException(file + ": key " + s[s.length - 1] + " names the pad token \"" + name
                        + "\", which is not among the added tokens of " + dir.resolve(TokenizerCatalog.TOKENIZER_JSON));
            }
        }
        return OptionalInt.empty();
    }

    private static Object read(Path file) {
        try {
            return Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(file.toString(), e);
        }
    }
}
