package org.hrmtext.tests.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.text.SpecialTokens;

/**
 * Writes a small Hugging Face {@code tokenizer.json} for tests: a WordLevel model with
 * {@code [UNK]} = 0, the given words as ids 1..n, then the reference special tokens
 * ({@link SpecialTokens#reference()}: {@code <|im_start|>}, {@code <|im_end|>}, ...) as added
 * tokens n+1..n+7, split on whitespace. {@code n + 8} ids in all.
 */
public final class HfTokenizerJson {
    private HfTokenizerJson() {
    }

    /** Writes {@code dir/tokenizer.json} (creating {@code dir}) and returns its path. */
    public static Path writeWordLevel(Path dir, List<String> words) throws IOException {
        List<String> vocab = new ArrayList<>();
        vocab.add("\"[UNK]\": 0");
        for (int i = 0; i < words.size(); i++) {
            vocab.add("\"" + words.get(i) + "\": " + (i + 1));
        }
        List<String> added = new ArrayList<>();
        int id = words.size() + 1;
        for (String name : SpecialTokens.reference().byKey().values()) {
            added.add("{\"id\": " + id++ + ", \"content\": \"" + name + "\", \"single_word\": false, \"lstrip\": false, "
                    + "\"rstrip\": false, \"normalized\": false, \"special\": true}");
        }
        String json = "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, \"added_tokens\": ["
                + String.join(", ", added) + "], \"normalizer\": null, \"pre_tokenizer\": {\"type\": \"Whitespace\"}, "
                + "\"post_processor\": null, \"decoder\": null, \"model\": {\"type\": \"WordLevel\", \"vocab\": {"
                + String.join(", ", vocab) + "}, \"unk_token\": \"[UNK]\"}}";
        return Files.writeString(Files.createDirectories(dir).resolve("tokenizer.json"), json);
    }
}
