package org.hrmtext.app.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonFields;
import org.hrmtext.formats.json.JsonWriter;

/**
 * {@code dataset.json}, what a reader checks a prepared dataset against: format and version, the
 * number of samples and tokens, how many per-epoch orders were written and their seed (later
 * epochs are shuffled the same way on the fly), and the tokenizer's type and vocabulary size.
 */
public record DatasetManifest(int samples, long tokens, int epochs, long seed, String tokenizer, int vocabSize) {
    public static final String FILE = "dataset.json";
    static final String FORMAT = "hrm-text-prepared";
    static final int VERSION = 1;

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("samples", samples);
        m.put("tokens", tokens);
        m.put("epochs", epochs);
        m.put("seed", seed);
        m.put("tokenizer", tokenizer);
        m.put("vocab_size", vocabSize);
        return JsonWriter.pretty(m);
    }

    static DatasetManifest read(Path file) {
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            JsonFields f = new JsonFields(file.toString(), m);
            if (!FORMAT.equals(m.get("format")) || f.requireInt("version") != VERSION) {
                throw new InvalidInputException(file + ": expected format " + FORMAT + " version " + VERSION);
            }
            Object tokens = m.get("tokens");
            Object seed = m.get("seed");
            if (!(tokens instanceof Long) || !(seed instanceof Long)) {
                throw new InvalidInputException(file + ": keys tokens and seed: expected integers");
            }
            return new DatasetManifest(f.requireInt("samples"), (Long) tokens, f.requireInt("epochs"), (Long) seed,
                    f.requireString("tokenizer"), f.requireInt("vocab_size"));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found (not a prepared dataset; run hrm prepare)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : InvalidInputException.at(file.toString(), e);
        }
    }
}
