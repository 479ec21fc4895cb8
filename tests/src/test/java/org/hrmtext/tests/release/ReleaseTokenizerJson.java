package org.hrmtext.tests.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.lab.bench.ReleaseTokenizerWriter;

/**
 * Writes a {@code tokenizer.json} shaped like the released HRM-Text tokenizer (data_io style; the
 * structure and the 14 added special tokens as ids 0–13 from {@link ReleaseTokenizerWriter}), cut
 * down to a small vocabulary: a byte-level BPE model over a fixed set of byte symbols and a few merges. {@value #SIZE} ids in all, the
 * vocabulary of the golden models. Text is limited to the symbols it holds: ASCII letters, digits,
 * space, newline, {@code .,?!'+-=():;*} and {@code é} (two byte tokens, so a character can be split).
 */
public final class ReleaseTokenizerJson {
    public static final int SIZE = 97;
    private static final List<String> MERGES = List.of("Ġ t", "Ġ a", "t h", "i s");

    private ReleaseTokenizerJson() {
    }

    /** Writes {@code dir/tokenizer.json} (creating {@code dir}) and returns its path. */
    public static Path write(Path dir) throws IOException {
        int first = ReleaseTokenizerWriter.SPECIALS.size();
        Map<String, Object> vocab = new LinkedHashMap<>();
        for (String symbol : symbols()) {
            vocab.put(symbol, first + vocab.size());
        }
        for (String merge : MERGES) {
            vocab.put(merge.replace(" ", ""), first + vocab.size());
        }
        if (first + vocab.size() != SIZE) {
            throw new IllegalStateException("vocabulary of " + (first + vocab.size()) + " ids, expected " + SIZE);
        }
        Map<String, Object> root = ReleaseTokenizerWriter.tokenizerJson(vocab, MERGES);
        return Files.writeString(Files.createDirectories(dir).resolve("tokenizer.json"), JsonWriter.pretty(root));
    }

    /** The byte-level symbols (GPT-2 byte → character map) of the bytes this vocabulary holds. */
    private static List<String> symbols() {
        List<String> out = new ArrayList<>();
        out.add("Ġ"); // space
        out.add("Ċ"); // newline
        for (char c = 'a'; c <= 'z'; c++) {
            out.add(String.valueOf(c));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            out.add(String.valueOf(c));
        }
        for (char c = '0'; c <= '9'; c++) {
            out.add(String.valueOf(c));
        }
        for (char c : ".,?!'+-=():;*".toCharArray()) {
            out.add(String.valueOf(c));
        }
        out.add("Ã"); // 0xC3, first byte of é
        out.add("©"); // 0xA9, second byte of é
        return out;
    }
}
