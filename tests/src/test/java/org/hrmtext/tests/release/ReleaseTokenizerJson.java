package org.hrmtext.tests.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.formats.json.JsonWriter;

/**
 * Writes a {@code tokenizer.json} shaped like the released HRM-Text tokenizer (data_io style), cut
 * down to a small vocabulary: the 14 added special tokens in the release's order as ids 0–13, a
 * byte-level BPE model (NFC normalizer, the Qwen2 pre-tokenizer regex, ByteLevel pre-tokenizer and
 * decoder) over a fixed set of byte symbols and a few merges. {@value #SIZE} ids in all, the
 * vocabulary of the golden models. Text is limited to the symbols it holds: ASCII letters, digits,
 * space, newline, {@code .,?!'+-=():;*} and {@code é} (two byte tokens, so a character can be split).
 */
public final class ReleaseTokenizerJson {
    /** The release's added tokens, ids 0–13. */
    public static final List<String> SPECIALS = List.of("<|PAD|>", "<|direct|>", "<|cot|>", "<|noisy|>", "<|synth|>",
            "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>", "<|box_start|>",
            "<|box_end|>", "<|quad_start|>", "<|quad_end|>");
    public static final int SIZE = 97;
    public static final int PAD = 5;
    public static final int BOS = 6;
    public static final int EOS = 11;
    private static final String QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final List<String> MERGES = List.of("Ġ t", "Ġ a", "t h", "i s");

    private ReleaseTokenizerJson() {
    }

    /** Writes {@code dir/tokenizer.json} (creating {@code dir}) and returns its path. */
    public static Path write(Path dir) throws IOException {
        List<Object> added = new ArrayList<>();
        for (int i = 0; i < SPECIALS.size(); i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", i);
            t.put("content", SPECIALS.get(i));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
            added.add(t);
        }
        Map<String, Object> vocab = new LinkedHashMap<>();
        for (String symbol : symbols()) {
            vocab.put(symbol, SPECIALS.size() + vocab.size());
        }
        for (String merge : MERGES) {
            vocab.put(merge.replace(" ", ""), SPECIALS.size() + vocab.size());
        }
        if (SPECIALS.size() + vocab.size() != SIZE) {
            throw new IllegalStateException("vocabulary of " + (SPECIALS.size() + vocab.size()) + " ids, expected " + SIZE);
        }
        Map<String, Object> byteLevel = new LinkedHashMap<>();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", false);
        byteLevel.put("use_regex", false);
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("type", "Split");
        split.put("pattern", Map.of("Regex", QWEN2_SPLIT));
        split.put("behavior", "Isolated");
        split.put("invert", false);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        model.put("vocab", vocab);
        model.put("merges", MERGES);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", added);
        root.put("normalizer", Map.of("type", "NFC"));
        root.put("pre_tokenizer", Map.of("type", "Sequence", "pretokenizers", List.of(split, byteLevel)));
        root.put("post_processor", null);
        root.put("decoder", byteLevel);
        root.put("model", model);
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
