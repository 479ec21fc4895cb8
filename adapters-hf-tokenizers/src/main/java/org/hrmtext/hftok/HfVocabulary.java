package org.hrmtext.hftok;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.Json;

/**
 * The token → id table of a {@code tokenizer.json}: its {@code added_tokens} and its model's
 * {@code vocab} (a map for BPE, WordPiece and WordLevel, a list of pieces for Unigram). The
 * native binding exposes neither the vocabulary size nor single-token lookup, so they come from here.
 */
record HfVocabulary(Map<String, Integer> ids, int size) {

    static HfVocabulary read(Path file) {
        Map<String, Object> root;
        try {
            root = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(file.toString(), e);
        }
        Map<String, Integer> ids = new HashMap<>();
        if (root.get("model") instanceof Map<?, ?> model) {
            Object vocab = model.get("vocab");
            if (vocab instanceof Map<?, ?> m) {
                m.forEach((token, id) -> ids.put(String.valueOf(token), toInt(file, id)));
            } else if (vocab instanceof List<?> pieces) {
                for (int i = 0; i < pieces.size(); i++) {
                    if (pieces.get(i) instanceof List<?> piece && !piece.isEmpty()) {
                        ids.put(String.valueOf(piece.get(0)), i);
                    }
                }
            }
        }
        if (root.get("added_tokens") instanceof List<?> added) {
            for (Object a : added) {
                if (a instanceof Map<?, ?> t && t.get("content") instanceof String content) {
                    ids.put(content, toInt(file, t.get("id")));
                }
            }
        }
        if (ids.isEmpty()) {
            throw new InvalidInputException(file + ": no vocabulary (expected model.vocab or added_tokens)");
        }
        int size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        return new HfVocabulary(Map.copyOf(ids), size);
    }

    /** The id of a whole token, or −1. */
    int idOf(String token) {
        return ids.getOrDefault(token, -1);
    }

    private static int toInt(Path file, Object id) {
        if (!(id instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
            throw new InvalidInputException(file + ": token id " + id + " is not an integer >= 0");
        }
        return (int) (long) n;
    }
}
