package org.hrmtext.tests.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.golden.GoldenCase;

/**
 * A model directory made from a golden model (vocabulary {@value ReleaseTokenizerJson#SIZE}) as
 * published: its {@code config.json} and {@code model.safetensors} plus a release-style
 * {@code tokenizer.json} ({@link ReleaseTokenizerJson}) and no {@code tokenizer_info.json}.
 * The context is widened to {@value #CONTEXT} positions (rotary tables follow the config; the
 * weights do not depend on it) so that prompts of a sentence and longer answers fit.
 */
final class GoldenModelDir {
    static final int CONTEXT = 256;
    private GoldenModelDir() {
    }

    static Path write(String golden, Path dir) throws IOException {
        Path from = GoldenCase.load(golden).dir();
        Files.createDirectories(dir);
        String config = Files.readString(from.resolve("config.json"));
        Files.writeString(dir.resolve("config.json"), config.replaceFirst("\"max_position_embeddings\": \\d+",
                "\"max_position_embeddings\": " + CONTEXT));
        Files.copy(from.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        ReleaseTokenizerJson.write(dir);
        return dir;
    }
}
