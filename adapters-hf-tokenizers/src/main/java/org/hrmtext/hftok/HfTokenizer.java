package org.hrmtext.hftok;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.domain.text.TokenLayout;
import org.hrmtext.ports.Tokenizer;

/**
 * A {@code tokenizer.json} loaded by DJL's native Hugging Face tokenizers. Encoding adds no
 * special tokens and never truncates; decoding keeps special tokens and renders ids outside the
 * vocabulary as U+FFFD. Holds a native handle: close it; it fails fast after close.
 */
final class HfTokenizer implements Tokenizer {
    static final String TYPE = "huggingface";
    private static final Map<String, String> OPTIONS = Map.of("addSpecialTokens", "false", "truncation", "false",
            "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final HfVocabulary vocabulary;
    private final TokenLayout layout;
    private boolean closed;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Path file, HfVocabulary vocabulary, TokenLayout layout) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.vocabulary = vocabulary;
        this.layout = layout;
    }

    static HfTokenizer open(Path file, SpecialTokens names) {
        HfVocabulary vocabulary = HfVocabulary.read(file);
        TokenLayout layout = TokenLayout.resolve(names, vocabulary::idOf, file.toString());
        HuggingFaceTokenizer loaded = Try.of(() -> HuggingFaceTokenizer.newInstance(file, OPTIONS))
                .getOrElseThrow(e -> new InvalidInputException(file + ": not a Hugging Face tokenizer.json: "
                        + e.getMessage(), e));
        return new HfTokenizer(loaded, file, vocabulary, layout);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    @Override
    public TokenLayout layout() {
        return layout;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = open().encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= ids.length; i++) {
            if (i == ids.length || ids[i] < 0 || ids[i] >= vocabulary.size()) {
                text.append(decodeRun(ids, start, i));
                if (i < ids.length) {
                    text.append('\uFFFD');
                }
                start = i + 1;
            }
        }
        return text.toString();
    }

    private String decodeRun(int[] ids, int from, int to) {
        if (from >= to) {
            return "";
        }
        long[] run = new long[to - from];
        for (int i = from; i < to; i++) {
            run[i - from] = ids[i];
        }
        return open().decode(run, false);
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(file);
    }

    private HuggingFaceTokenizer open() {
        if (closed) {
            throw new IllegalStateException("tokenizer " + file + " is closed");
        }
        return tokenizer;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
        }
    }
}
