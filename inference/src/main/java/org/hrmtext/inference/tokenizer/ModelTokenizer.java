package org.hrmtext.inference.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.formats.config.SpecialTokenIds;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.model.ModelDirectoryReader;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.ports.Tokenizer;

/**
 * A model's own tokenizer: the tokenizer files in the model's folder, agreeing with the token ids
 * its {@code config.json} names. Without a {@code tokenizer_info.json} (as the release ships), the
 * question-start and answer-end tokens are the {@code tokenizer.json} added tokens at the config's
 * {@code bos_token_id} and {@code eos_token_id}, the others keep the reference names. With one, a
 * disagreement between the two files is an error naming both.
 *
 * <pre>{@code
 * try (Tokenizer tok = ModelTokenizer.open(TokenizerCatalog.installed(), modelDir).orElseThrow()) { ... }
 * }</pre>
 */
public final class ModelTokenizer {
    private ModelTokenizer() {
    }

    /** The ids {@code home/config.json} names (none when there is no config beside the tokenizer). */
    public static SpecialTokenIds ids(Path home) {
        Path config = home.resolve(ModelDirectoryReader.CONFIG);
        return Files.isRegularFile(config) ? ModelConfigJson.readTokenIds(config) : SpecialTokenIds.NONE;
    }

    /** Opens and checks the tokenizer in {@code home}; empty when it has no tokenizer files. */
    public static Optional<Tokenizer> open(TokenizerCatalog catalog, Path home) {
        if (!TokenizerCatalog.present(home)) {
            return Optional.empty();
        }
        SpecialTokenIds ids = ids(home);
        Path json = home.resolve(TokenizerCatalog.TOKENIZER_JSON);
        Map<String, String> renames = new HashMap<>();
        if (!Files.isRegularFile(home.resolve(TokenizerInfo.FILE)) && Files.isRegularFile(json)) {
            Map<Integer, String> added = addedTokens(json);
            ids.bos().ifPresent(id -> Optional.ofNullable(added.get(id)).ifPresent(name -> renames.put("boq", name)));
            ids.eos().ifPresent(id -> Optional.ofNullable(added.get(id)).ifPresent(name -> renames.put("eoa", name)));
        }
        Tokenizer tok = catalog.open(home.toString(), renames);
        try {
            check(home, ids, tok);
            return Optional.of(tok);
        } catch (RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    private static void check(Path home, SpecialTokenIds ids, Tokenizer tok) {
        Path config = home.resolve(ModelDirectoryReader.CONFIG);
        String names = Files.isRegularFile(home.resolve(TokenizerInfo.FILE)) ? home.resolve(TokenizerInfo.FILE).toString()
                : home.resolve(TokenizerCatalog.TOKENIZER_JSON).toString();
        agree(config, "bos_token_id", ids.bos(), "boq", tok.layout().names().boq(), tok.layout().boq(), names);
        agree(config, "eos_token_id", ids.eos(), "eoa", tok.layout().names().eoa(), tok.layout().eoa(), names);
        if (ids.pad().isPresent() && ids.pad().getAsInt() >= tok.vocabularySize()) {
            throw new InvalidInputException(config + ": pad_token_id " + ids.pad().getAsInt() + " is not in the tokenizer's "
                    + tok.vocabularySize() + " ids (" + names + ")");
        }
    }

    private static void agree(Path config, String key, OptionalInt id, String role, String name, int tokenizerId, String names) {
        if (id.isPresent() && id.getAsInt() != tokenizerId) {
            throw new InvalidInputException(config + ": " + key + " " + id.getAsInt() + " disagrees with the tokenizer: its "
                    + role + " token \"" + name + "\" is id " + tokenizerId + " (" + names + ")");
        }
    }

    /** Id → content of a {@code tokenizer.json}'s {@code added_tokens}. */
    public static Map<Integer, String> addedTokens(Path file) {
        Map<String, Object> root;
        try {
            root = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(file.toString(), e);
        }
        Map<Integer, String> out = new HashMap<>();
        if (root.get("added_tokens") instanceof List<?> added) {
            for (Object a : added) {
                if (a instanceof Map<?, ?> t && t.get("id") instanceof Long id && t.get("content") instanceof String content) {
                    out.put(id.intValue(), content);
                }
            }
        }
        return out;
    }
}
