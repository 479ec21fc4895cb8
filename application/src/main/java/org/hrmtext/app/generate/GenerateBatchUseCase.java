package org.hrmtext.app.generate;

import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hrmtext.app.engine.DataEngine;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.app.io.ProgressBar;
import org.hrmtext.app.wiring.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.json.JsonWriter;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;

/**
 * {@code hrm generate-batch}: greedy answers for a JSONL of prompts, here ({@link BatchGenerator}
 * with a progress bar) or on a {@link DataEngine}, written as {@code DIR/results.jsonl} (one line
 * per prompt, in prompt order, with its id), the directory replaced at once.
 */
public final class GenerateBatchUseCase {
    public static final String RESULTS = "results.jsonl";
    private final BackendRegistry registry;
    private final TokenizerCatalog tokenizers;

    @Inject
    public GenerateBatchUseCase(BackendRegistry registry, TokenizerCatalog tokenizers) {
        this.registry = registry;
        this.tokenizers = tokenizers;
    }

    public List<GeneratedText> run(List<BatchPrompt> prompts, ModelSettings model, int maxNewTokens, Path out) {
        checkOutput(out);
        List<GeneratedText> results = new ArrayList<>();
        try (BatchGenerator generator = BatchGenerator.open(registry, tokenizers, model)) {
            ProgressBar bar = ProgressBar.onStderr("generate", 0, prompts.size());
            for (int from = 0; from < prompts.size(); from += BatchGenerator.BATCH) {
                results.addAll(generator.generate(prompts.subList(from, Math.min(prompts.size(), from + BatchGenerator.BATCH)),
                        maxNewTokens));
                bar.update(results.size(), "");
            }
        }
        write(results, out);
        return results;
    }

    public List<GeneratedText> run(List<BatchPrompt> prompts, ModelSettings model, int maxNewTokens, Path out,
            DataEngine engine) {
        checkOutput(out);
        List<GeneratedText> results = engine.generate(prompts, model, maxNewTokens);
        write(results, out);
        return results;
    }

    private static void write(List<GeneratedText> results, Path out) {
        StringBuilder sb = new StringBuilder();
        for (GeneratedText r : results) {
            sb.append(JsonWriter.compact(r.toJson())).append('\n');
        }
        AtomicDirectory.replace(out, tmp -> Files.writeString(tmp.resolve(RESULTS), sb.toString(), StandardCharsets.UTF_8));
    }

    /** Refuses to replace a directory that is not earlier generate-batch output. */
    private static void checkOutput(Path out) {
        if (!Files.isDirectory(out) || Files.isRegularFile(out.resolve(RESULTS))) {
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isPresent()) {
                throw new InvalidInputException("--output " + out + ": a non-empty directory without " + RESULTS
                        + "; choose a new or empty directory");
            }
        } catch (java.io.IOException e) {
            throw new InvalidInputException("--output " + out + ": cannot read: " + e.getMessage(), e);
        }
    }
}
