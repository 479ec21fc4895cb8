package org.hrmtext.hftok;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.ports.Tokenizer;
import org.hrmtext.ports.TokenizerProvider;

/** The {@code huggingface} tokenizer plugin: reads {@code tokenizer.json} files. */
public final class HfTokenizerProvider implements TokenizerProvider {

    @Override
    public String name() {
        return HfTokenizer.TYPE;
    }

    @Override
    public boolean supports(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".json");
    }

    @Override
    public Tokenizer open(Path file, SpecialTokens names) {
        return HfTokenizer.open(file, names);
    }
}
