package org.hrmtext.ports;

import java.nio.file.Path;
import org.hrmtext.domain.text.SpecialTokens;

/**
 * The tokenizer plugin SPI: one implementation per tokenizer file format, listed in
 * {@code META-INF/services/org.hrmtext.ports.TokenizerProvider} and found by
 * {@link java.util.ServiceLoader}. Cheap to construct; {@link #open} loads the file.
 */
public interface TokenizerProvider {

    /** The format's name, e.g. {@code huggingface}. */
    String name();

    /** Whether this provider reads {@code file} (by its name or content, without loading it). */
    boolean supports(Path file);

    /**
     * Loads a tokenizer and resolves the special tokens {@code names}; a name missing from the
     * vocabulary is an {@link org.hrmtext.domain.InvalidInputException} naming it and the file.
     */
    Tokenizer open(Path file, SpecialTokens names);
}
