package org.hrmtext.app.text;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.domain.text.TokenizerInfo;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.Tokenizer;

/**
 * Writes the tokenizer files that travel with prepared datasets and model directories: the
 * tokenizer's own file as {@code tokenizer.json} (Hugging Face tokenizers) and
 * {@link TokenizerInfo#FILE} (every tokenizer), so that {@code hrm generate --prompt} can encode
 * text for a trained model. {@link TokenizerCatalog} reads them.
 */
public final class TokenizerFiles {
    private TokenizerFiles() {
    }

    /** Writes the files describing {@code tokenizer} into {@code dir}. */
    public static void save(Tokenizer tokenizer, Path dir) {
        tokenizer.file().ifPresent(file -> AtomicFiles.write(dir.resolve(TokenizerCatalog.TOKENIZER_JSON), tmp -> Files.copy(file, tmp)));
        TokenizerInfo info = new TokenizerInfo(tokenizer.type(), tokenizer.vocabularySize(), tokenizer.layout().names().byKey());
        AtomicFiles.writeString(dir.resolve(TokenizerInfo.FILE), info.toJson());
    }

    /** Copies the tokenizer files of {@code from} (those it has) into {@code to}. */
    public static void copy(Path from, Path to) {
        for (String name : new String[] {TokenizerCatalog.TOKENIZER_JSON, TokenizerInfo.FILE}) {
            Path source = from.resolve(name);
            if (Files.isRegularFile(source)) {
                AtomicFiles.write(to.resolve(name), tmp -> Files.copy(source, tmp));
            }
        }
    }
}
