package org.hrmtext.app.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.text.TokenizerInfo;
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
    /**
     * Refuses a {@link #copy} that would replace a different tokenizer file already in {@code to}
     * (another model's, or the user's); an identical one may be replaced.
     */
    public static void requireCopyable(Path from, Path to, String option) {
        for (String name : new String[] {TokenizerCatalog.TOKENIZER_JSON, TokenizerInfo.FILE}) {
            Path source = from.resolve(name);
            Path target = to.resolve(name);
            try {
                if (Files.isRegularFile(source) && Files.exists(target) && Files.mismatch(source, target) != -1) {
                    throw new InvalidInputException(option + ": " + target + " already exists and differs from " + source
                            + " (another model's tokenizer?); write the export into another folder");
                }
            } catch (IOException e) {
                throw new InvalidInputException(option + ": cannot compare " + target + " with " + source + ": "
                        + e.getMessage(), e);
            }
        }
    }

    public static void copy(Path from, Path to) {
        for (String name : new String[] {TokenizerCatalog.TOKENIZER_JSON, TokenizerInfo.FILE}) {
            Path source = from.resolve(name);
            if (Files.isRegularFile(source)) {
                AtomicFiles.write(to.resolve(name), tmp -> Files.copy(source, tmp));
            }
        }
    }
}
