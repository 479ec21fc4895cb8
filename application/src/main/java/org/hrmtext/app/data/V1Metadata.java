package org.hrmtext.app.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.ports.Tokenizer;

/**
 * The two JSON files of a V1 dataset, with the keys of the reference's
 * {@code scripts/prepare_sft_data.py}: {@code tokenizer_info.json} ({@code tokenizer_path},
 * {@code boq}, {@code eoq}, {@code eoa} token names, {@code condition_mapping} condition → token
 * name, {@code vocab_size}) and {@code metadata.json} ({@code tokenizer_info} again,
 * {@code vocab_size: null} — the reference's loader pads the tokenizer's size itself —,
 * {@code max_seq_len} = the context size, {@code total_length} = all tokens). The tokenizer info
 * also carries this project's {@code type} and {@code special_tokens} keys, so that
 * {@link TokenizerInfo#read} reads it too.
 */
record V1Metadata(String tokenizerPath, String type, SpecialTokens names, int vocabSize, int contextSize, long totalLength) {
    static final String METADATA = "metadata.json";

    static V1Metadata of(Tokenizer tokenizer, Path out, int contextSize, long totalLength) {
        return new V1Metadata(out.toString(), tokenizer.type(), tokenizer.layout().names(), tokenizer.vocabularySize(),
                contextSize, totalLength);
    }

    Map<String, Object> tokenizerInfo() {
        Map<String, String> byKey = names.byKey();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer_path", tokenizerPath);
        m.put("boq", byKey.get("boq"));
        m.put("eoq", byKey.get("eoq"));
        m.put("eoa", byKey.get("eoa"));
        Map<String, Object> conditions = new LinkedHashMap<>();
        for (String c : new String[] {"direct", "cot", "noisy", "synth"}) {
            conditions.put(c, byKey.get(c));
        }
        m.put("condition_mapping", conditions);
        m.put("vocab_size", vocabSize);
        m.put("type", type);
        m.put("special_tokens", new LinkedHashMap<>(byKey));
        return m;
    }

    Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer_info", tokenizerInfo());
        m.put("vocab_size", null);
        m.put("max_seq_len", contextSize);
        m.put("total_length", totalLength);
        return m;
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(TokenizerInfo.FILE), JsonWriter.pretty(tokenizerInfo()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(METADATA), JsonWriter.pretty(metadata()), StandardCharsets.UTF_8);
    }
}
