package org.hrmtext.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.formats.json.JsonWriter;

/**
 * Writes tokenizer files shaped like the released HRM-Text tokenizer for a vocabulary of any size
 * from 270 ids: {@code tokenizer.json} with the release's 14 added special tokens as ids 0–13 (in
 * its order), a byte-level BPE model (NFC normalizer, the Qwen2 pre-tokenizer regex, ByteLevel
 * pre-tokenizer and decoder) over the 256 byte symbols and enough merges of two symbols to fill the
 * vocabulary; and a {@code tokenizer_config.json} naming the release's bos/eos/pad tokens. The
 * merges are synthetic (benchmarks), the structure and special tokens are the release's.
 */
public final class ReleaseTokenizerWriter {
    /** The release's added tokens, ids 0–13. */
    public static final List<String> SPECIALS = List.of("<|PAD|>", "<|direct|>", "<|cot|>", "<|noisy|>", "<|synth|>",
            "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>", "<|box_start|>",
            "<|box_end|>", "<|quad_start|>", "<|quad_end|>");
    /** The release's {@code pad_token_id} ({@code <|endoftext|>}). */
    public static final int PAD = 5;
    /** The release's {@code bos_token_id} ({@code <|im_start|>}). */
    public static final int BOS = 6;
    /** The release's {@code eos_token_id} ({@code <|box_end|>}). */
    public static final int EOS = 11;
    private static final int BYTES = 256;
    private static final String QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private ReleaseTokenizerWriter() {
    }

    /** Writes {@code dir/tokenizer.json} and {@code dir/tokenizer_config.json} for {@code vocab} ids. */
    public static void write(Path dir, int vocab, int maxLength) throws IOException {
        int first = SPECIALS.size();
        if (vocab < first + BYTES) {
            throw new IllegalArgumentException("a release-style tokenizer needs at least " + (first + BYTES) + " ids, got " + vocab);
        }
        List<String> symbols = byteSymbols();
        Map<String, Object> vocabulary = new LinkedHashMap<>();
        for (String s : symbols) {
            vocabulary.put(s, first + vocabulary.size());
        }
        List<String> merges = new ArrayList<>();
        for (int a = 0; a < BYTES && first + vocabulary.size() < vocab; a++) {
            for (int b = 0; b < BYTES && first + vocabulary.size() < vocab; b++) {
                merges.add(symbols.get(a) + " " + symbols.get(b));
                vocabulary.put(symbols.get(a) + symbols.get(b), first + vocabulary.size());
            }
        }
        Map<String, Object> root = tokenizerJson(vocabulary, merges);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tokenizer.json"), JsonWriter.compact(root));
        Files.writeString(dir.resolve("tokenizer_config.json"), JsonWriter.pretty(tokenizerConfig(maxLength)));
    }

    /**
     * The content of a {@code tokenizer.json} shaped like the release's: its 14 added special
     * tokens (ids 0–13), NFC normalizer, the Qwen2 split and ByteLevel pre-tokenizer and decoder,
     * and a byte-level BPE model over {@code vocabulary} and {@code merges}.
     */
    public static Map<String, Object> tokenizerJson(Map<String, ?> vocabulary, List<String> merges) {
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
        model.put("vocab", vocabulary);
        model.put("merges", merges);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", addedTokens());
        root.put("normalizer", Map.of("type", "NFC"));
        root.put("pre_tokenizer", Map.of("type", "Sequence", "pretokenizers", List.of(split, byteLevel)));
        root.put("post_processor", null);
        root.put("decoder", byteLevel);
        root.put("model", model);
        return root;
    }

    private static List<Object> addedTokens() {
        List<Object> added = new ArrayList<>();
        for (int i = 0; i < SPECIALS.size(); i++) {
            added.add(addedToken(i));
        }
        return added;
    }

    private static Map<String, Object> addedToken(int id) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("content", SPECIALS.get(id));
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", false);
        t.put("special", true);
        return t;
    }

    private static Map<String, Object> tokenizerConfig(int maxLength) {
        Map<String, Object> decoder = new LinkedHashMap<>();
        for (int i = 0; i < SPECIALS.size(); i++) {
            Map<String, Object> t = addedToken(i);
            t.remove("id");
            decoder.put(Integer.toString(i), t);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added_tokens_decoder", decoder);
        m.put("bos_token", SPECIALS.get(BOS));
        m.put("eos_token", SPECIALS.get(EOS));
        m.put("pad_token", SPECIALS.get(PAD));
        m.put("clean_up_tokenization_spaces", false);
        m.put("model_max_length", maxLength);
        m.put("tokenizer_class", "PreTrainedTokenizerFast");
        return m;
    }

    /** The GPT-2 byte → character map, in byte order. */
    private static List<String> byteSymbols() {
        List<String> out = new ArrayList<>();
        int extra = 0;
        for (int b = 0; b < BYTES; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out.add(String.valueOf((char) (printable ? b : BYTES + extra++)));
        }
        return out;
    }
}
