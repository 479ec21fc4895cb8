package org.hrmtext.ports;

import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.domain.PublicApi;
import org.hrmtext.domain.text.TokenLayout;

/**
 * Turns text into token ids and back, and knows where the special tokens of HRM-Text sit in its
 * vocabulary. {@link #encode} adds no special tokens: the {@link TokenLayout} places them.
 * Some tokenizers hold native memory: close them.
 *
 * <pre>{@code
 * int[] prompt = tok.layout().instruction(List.of(Condition.DIRECT), tok.encode("2+2="));
 * String answer = tok.decode(tok.layout().answer(generated));
 * }</pre>
 */
@PublicApi
public interface Tokenizer extends AutoCloseable {

    /** What kind of tokenizer this is, as written to {@code tokenizer_info.json}: {@code byte} or {@code huggingface}. */
    String type();

    /** The number of ids it can produce: every id is below it. */
    int vocabularySize();

    TokenLayout layout();

    /** The ids of plain text; special-token names in the text are not treated specially by every tokenizer. */
    int[] encode(String text);

    /** The text of ids; never fails: ids it cannot render become U+FFFD. */
    String decode(int[] ids);

    /** The file the tokenizer was loaded from ({@code tokenizer.json}), copied beside data and models; empty when built in. */
    Optional<Path> file();

    @Override
    void close();
}
