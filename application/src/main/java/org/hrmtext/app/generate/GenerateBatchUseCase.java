package org.hrmtext.app.generate;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.app.batch.BatchPrompt;
import org.hrmtext.app.batch.GeneratedText;
import org.hrmtext.app.batch.ModelSettings;
import org.hrmtext.app.engine.DataEngine;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.app.io.ProgressBar;
import org.hrmtext.app.io.ResultFormat;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;

/**
 * {@code hrm generate-batch}: greedy answers for prompts, here ({@link BatchGenerator} with a
 * progress bar) or on a {@link DataEngine}, written as {@code DIR/results.jsonl} or
 * {@code DIR/results.parquet} (one row per prompt, in prompt order, with its id), the directory
 * replaced at once.
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

    /** {@code results.jsonl} or {@code results.parquet}. */
    public static String results(ResultFormat format) {
        return "results" + format.extension();
    }

    public List<GeneratedText> run(List<BatchPrompt> prompts, ModelSettings model, int maxNewTokens, Path out,
            ResultFormat format) {
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
        write(results, out, format);
        return results;
    }

    public List<GeneratedText> run(List<BatchPrompt> prompts, ModelSettings model, int maxNewTokens, Path out,
            ResultFormat format, DataEngine engine) {
        checkOutput(out);
        List<GeneratedText> results = engine.generate(prompts, model, maxNewTokens);
        write(results, out, format);
        return results;
    }

    private static void write(List<GeneratedText> results, Path out, ResultFormat format) {
        List<Map<String, Object>> rows = results.stream().map(GeneratedText::toJson).toList();
        AtomicDirectory.replace(out, tmp -> format.write(tmp.resolve(results(format)), rows));
    }

    /** Refuses to replace a directory that is not earlier generate-batch output. */
    private static void checkOutput(Path out) {
        if (!Files.isDirectory(out) || Files.isRegularFile(out.resolve(RESULTS))
                || Files.isRegularFile(out.resolve(results(ResultFormat.PARQUET)))) {
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isPresent()) {
                throw new InvalidInputException("--output " + out + ": a non-empty directory without " + RESULTS + " or "
                        + results(ResultFormat.PARQUET)
                        + "; choose a new or empty directory");
            }
        } catch (java.io.IOException e) {
            throw new InvalidInputException("--output " + out + ": cannot read: " + e.getMessage(), e);
        }
    }
}
