package org.hrmtext.app.eval;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.generate.ModelPaths;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.app.io.ProgressBar;
import org.hrmtext.app.wiring.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.json.JsonWriter;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.domain.text.TokenizerInfo;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.tokenizer.ModelTokenizer;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.Tokenizer;
import org.hrmtext.ports.TrainerSpec;

/**
 * Evaluates a model on a JSONL of items with the scorer of the chosen mode, in batches, with a
 * progress bar, writing one JSON line of results per item (atomically) and returning the means.
 */
public final class EvalUseCase {
    private static final int BATCH = 16;
    private final BackendRegistry registry;
    private final TokenizerCatalog tokenizers;

    @Inject
    public EvalUseCase(BackendRegistry registry, TokenizerCatalog tokenizers) {
        this.registry = registry;
        this.tokenizers = tokenizers;
    }

    public EvalReport run(EvalJob job) {
        List<EvalItem> items = withCondition(EvalItem.read(job.data(), job.mode()), job.condition());
        Path home = ModelPaths.tokenizerHome(job.model());
        Tokenizer tok = ModelTokenizer.open(tokenizers, home).orElseThrow(() -> new InvalidInputException(home
                + ": eval needs the model's tokenizer (" + TokenizerCatalog.TOKENIZER_JSON + " or " + TokenizerInfo.FILE + ")"));
        try (tok; ItemScorer scorer = scorer(job, tok)) {
            List<String> lines = new ArrayList<>();
            Map<String, double[]> byKind = new HashMap<>();
            double total = 0;
            ProgressBar bar = ProgressBar.onStderr("eval", 0, items.size());
            for (int from = 0; from < items.size(); from += BATCH) {
                List<EvalItem> batch = items.subList(from, Math.min(items.size(), from + BATCH));
                List<ItemScorer.Scored> scored = scorer.score(batch);
                for (int i = 0; i < batch.size(); i++) {
                    total += scored.get(i).score();
                    double[] k = byKind.computeIfAbsent(batch.get(i).kind(), x -> new double[2]);
                    k[0] += scored.get(i).score();
                    k[1]++;
                    lines.add(JsonWriter.compact(new java.util.TreeMap<>(scored.get(i).toJson(batch.get(i)))));
                }
                bar.update(from + batch.size(), String.format(java.util.Locale.ROOT, "score %.3f", total / (from + batch.size())));
            }
            AtomicFiles.writeString(job.results(), String.join("\n", lines) + "\n");
            Map<String, Double> means = new HashMap<>();
            byKind.forEach((k, v) -> means.put(k, v[0] / v[1]));
            return new EvalReport(job.mode(), items.size(), total / items.size(), means, job.results());
        }
    }

    private ItemScorer scorer(EvalJob job, Tokenizer tok) {
        HrmTextModel.Options options = new HrmTextModel.Options(job.backend(), "cpu", job.threads(), 0);
        if (job.mode() != EvalMode.LOGLIK) {
            return new GenerationScorer(HrmTextModel.open(registry.select(job.backend()), job.model(), options), tok,
                    job.mode());
        }
        if (!Files.isDirectory(job.model())) {
            throw new InvalidInputException("--mode loglik scores with a training backend and needs a model directory, not "
                    + job.model());
        }
        ModelWeights weights = HrmTextModel.readDirectory(job.model());
        return new LoglikScorer(registry.select(job.backend()).openTrainer(
                TrainerSpec.fresh(weights, AdamAtan2Settings.pretraining()), BackendOptions.cpu(job.threads())),
                tok, weights.layout().config());
    }

    private static List<EvalItem> withCondition(List<EvalItem> items, String condition) {
        if (condition == null || condition.isBlank()) {
            return items;
        }
        List<Condition> c = Condition.parseList(condition);
        return items.stream().map(i -> new EvalItem(i.line(), i.kind(), i.instruction(), i.response(), i.choices(),
                i.answer(), c)).toList();
    }
}
