package org.hrmtext.app.eval;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.app.batch.EvalItem;
import org.hrmtext.app.batch.ModelSettings;
import org.hrmtext.app.batch.ScoredItem;
import org.hrmtext.app.checkpoint.SourceModel;
import org.hrmtext.app.engine.DataEngine;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.app.io.InputFiles;
import org.hrmtext.app.io.InputLine;
import org.hrmtext.app.io.OutputPaths;
import org.hrmtext.app.io.ProgressBar;
import org.hrmtext.app.io.ResultFormat;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.formats.json.Json;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;

/**
 * Evaluates a model on items (a JSONL or Parquet file, or a directory of part files) with the
 * scorer of the chosen mode, in batches ({@link EvalWorker}), here with a progress bar or on a
 * {@link DataEngine}, writing one row of results per item (JSON lines or Parquet, atomically) and
 * returning the means.
 */
public final class EvalUseCase {
    private final BackendRegistry registry;
    private final TokenizerCatalog tokenizers;

    @Inject
    public EvalUseCase(BackendRegistry registry, TokenizerCatalog tokenizers) {
        this.registry = registry;
        this.tokenizers = tokenizers;
    }

    public EvalReport run(EvalJob job) {
        requireReplaceable(job);
        List<EvalItem> items = items(job, InputFiles.read(Path.of(job.data())));
        List<ScoredItem> scored = new ArrayList<>();
        try (EvalWorker worker = EvalWorker.open(registry, tokenizers, settings(job), job.mode())) {
            ProgressBar bar = ProgressBar.onStderr("eval", 0, items.size());
            double total = 0;
            for (int from = 0; from < items.size(); from += EvalWorker.BATCH) {
                List<ScoredItem> batch = worker.score(items.subList(from, Math.min(items.size(), from + EvalWorker.BATCH)));
                for (ScoredItem s : batch) {
                    total += s.score();
                }
                scored.addAll(batch);
                bar.update(scored.size(), String.format(Locale.ROOT, "score %.3f", total / scored.size()));
            }
        }
        return report(job, items, scored);
    }

    /** Evaluates on {@code engine}: the same batches, scored by one model per worker there. */
    public EvalReport run(EvalJob job, DataEngine engine) {
        requireReplaceable(job);
        List<EvalItem> items = items(job, engine.lines(job.data()));
        return report(job, items, engine.score(items, settings(job), job.mode()));
    }

    /**
     * The results path is new, or an earlier results file: JSONL whose first line is an item with a
     * score, or a Parquet file.
     */
    private static void requireReplaceable(EvalJob job) {
        OutputPaths.requireOwnFile(job.results(), "--results", "an eval results file", p -> {
            try {
                return job.format() == ResultFormat.PARQUET ? OutputPaths.firstLine(p).startsWith("PAR1")
                        : Json.parseObject(OutputPaths.firstLine(p)).containsKey("score");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ModelSettings settings(EvalJob job) {
        return new ModelSettings(job.model().toString(), job.backend(), job.threads());
    }

    private static List<EvalItem> items(EvalJob job, List<InputLine> lines) {
        return withCondition(EvalItem.read(job.data(), lines, job.mode()), job.condition());
    }

    private static EvalReport report(EvalJob job, List<EvalItem> items, List<ScoredItem> scored) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, double[]> byKind = new HashMap<>();
        double total = 0;
        for (int i = 0; i < items.size(); i++) {
            total += scored.get(i).score();
            double[] k = byKind.computeIfAbsent(items.get(i).kind(), x -> new double[2]);
            k[0] += scored.get(i).score();
            k[1]++;
            rows.add(new TreeMap<>(scored.get(i).toJson(items.get(i))));
        }
        AtomicFiles.write(job.results(), tmp -> job.format().write(tmp, rows));
        Map<String, Double> means = new HashMap<>();
        byKind.forEach((k, v) -> means.put(k, v[0] / v[1]));
        Path model = job.model();
        return new EvalReport(job.mode(), items.size(), total / items.size(), means, job.results(),
                Files.isDirectory(model) ? SourceModel.of(model) : SourceModel.ofFile(model));
    }

    private static List<EvalItem> withCondition(List<EvalItem> items, String condition) {
        if (condition == null || condition.isBlank()) {
            return items;
        }
        List<Condition> c = Condition.parseList(condition);
        return items.stream().map(i -> new EvalItem(i.id(), i.line(), i.kind(), i.instruction(), i.response(), i.choices(),
                i.answer(), c)).toList();
    }
}
