package org.hrmtext.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.domain.text.TokenLayout;
import org.hrmtext.inference.tokenizer.ByteLevelTokenizer;
import org.hrmtext.ports.Tokenizer;
import org.hrmtext.ports.TokenizerProvider;

/**
 * Test tokenizer files {@code *.flaky}: the built-in byte tokenizer, except that opening it in a
 * Spark task of partition 1 fails, on the first attempt only (file content {@code once}) or on
 * every attempt ({@code always}). Outside a Spark task (the driver, a local run) it never fails, so
 * the same file prepares the reference dataset locally.
 */
public final class FlakyTokenizerProvider implements TokenizerProvider {
    static final String EXTENSION = ".flaky";

    @Override
    public String name() {
        return "flaky-test";
    }

    @Override
    public boolean supports(Path file) {
        return file.getFileName().toString().endsWith(EXTENSION);
    }

    @Override
    public Tokenizer open(Path file, SpecialTokens names) {
        String mode;
        try {
            mode = Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == 1 && (mode.equals("always") || task.attemptNumber() == 0)) {
            throw new IllegalStateException("injected failure of partition 1, attempt " + task.attemptNumber());
        }
        return new Flaky(new ByteLevelTokenizer(names), file);
    }

    /** The byte tokenizer, loaded "from" the flaky file (which is shipped to the executors with it). */
    private record Flaky(ByteLevelTokenizer bytes, Path path) implements Tokenizer {
        @Override
        public String type() {
            return bytes.type();
        }

        @Override
        public int vocabularySize() {
            return bytes.vocabularySize();
        }

        @Override
        public TokenLayout layout() {
            return bytes.layout();
        }

        @Override
        public int[] encode(String text) {
            return bytes.encode(text);
        }

        @Override
        public String decode(int[] ids) {
            return bytes.decode(ids);
        }

        @Override
        public Optional<Path> file() {
            return Optional.of(path);
        }

        @Override
        public void close() {
            bytes.close();
        }
    }
}
