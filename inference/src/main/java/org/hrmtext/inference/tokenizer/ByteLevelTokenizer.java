package org.hrmtext.inference.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.domain.text.TokenLayout;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.ports.Tokenizer;

/**
 * The built-in tokenizer for small models: ids 0–255 are the bytes of the UTF-8 text, then the
 * special tokens in {@link SpecialTokens#KEYS} order (boq 256, eoq 257, eoa 258, direct 259,
 * cot 260, synth 261, noisy 262): 263 ids, so it fits the {@code tiny} preset's 512. Decoding
 * renders special ids by name, and invalid UTF-8 and unknown ids as U+FFFD; it never fails.
 * Immutable, so safe from many threads.
 *
 * <pre>{@code
 * Tokenizer bytes = new ByteLevelTokenizer(SpecialTokens.byteLevel());
 * }</pre>
 */
public final class ByteLevelTokenizer implements Tokenizer {
    public static final String TYPE = TokenizerInfo.BYTE;
    private static final int BYTES = 256;
    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    private final List<String> specials;
    private final TokenLayout layout;

    public ByteLevelTokenizer(SpecialTokens names) {
        this.specials = List.copyOf(names.byKey().values());
        this.layout = TokenLayout.resolve(names, name -> specials.contains(name) ? specials.indexOf(name) + BYTES : -1,
                "byte tokenizer");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int vocabularySize() {
        return BYTES + specials.size();
    }

    @Override
    public TokenLayout layout() {
        return layout;
    }

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length);
        for (int id : ids) {
            if (id >= 0 && id < BYTES) {
                bytes.write(id);
            } else if (id >= BYTES && id < vocabularySize()) {
                bytes.writeBytes(specials.get(id - BYTES).getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.writeBytes(REPLACEMENT);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<Path> file() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // Nothing native to release.
    }
}
