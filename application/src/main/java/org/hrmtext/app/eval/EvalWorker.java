package org.hrmtext.app.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.app.batch.EvalItem;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.batch.ModelPaths;
import org.hrmtext.app.batch.ModelSettings;
import org.hrmtext.app.batch.ScoredItem;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.tokenizer.ModelTokenizer;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.Tokenizer;
import org.hrmtext.ports.TrainerSpec;

/**
 * One opened model and its tokenizer scoring evaluation items in batches of {@value #BATCH}, the
 * same batches wherever it runs ({@code hrm eval} here, or one worker per Spark executor), so
 * results do not depend on where the items were scored.
 */
public final class EvalWorker implements AutoCloseable {
    /** Items scored together; the items are cut into batches from the first on. */
    public static final int BATCH = 16;
    private final Tokenizer tokenizer;
    private final ItemScorer scorer;

    private EvalWorker(Tokenizer tokenizer, ItemScorer scorer) {
        this.tokenizer = tokenizer;
        this.scorer = scorer;
    }

    /** Opens the model with the given backends and tokenizer readers. */
    public static EvalWorker open(BackendRegistry registry, TokenizerCatalog tokenizers, ModelSettings model, EvalMode mode) {
        Path home = ModelPaths.tokenizerHome(model.path());
        Tokenizer tok = ModelTokenizer.open(tokenizers, home).orElseThrow(() -> new InvalidInputException(home
                + ": eval needs the model's tokenizer (" + TokenizerCatalog.TOKENIZER_JSON + " or " + TokenizerInfo.FILE + ")"));
        try {
            return new EvalWorker(tok, scorer(registry, model, mode, tok));
        } catch (RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    /** Opens the model with the backends and tokenizer readers on the class path (for a worker without the injector). */
    public static EvalWorker installed(ModelSettings model, EvalMode mode) {
        return open(installedBackends(), new TokenizerCatalog(Set.copyOf(TokenizerCatalog.discover())), model, mode);
    }

    /** The backends on the class path, by name. */
    public static BackendRegistry installedBackends() {
        Map<String, BackendProvider> byName = BackendRegistry.discover().stream()
                .collect(Collectors.toMap(BackendProvider::name, Function.identity()));
        return new BackendRegistry(byName);
    }

    /** Scores one batch (at most {@value #BATCH} items). */
    public List<ScoredItem> score(List<EvalItem> batch) {
        return scorer.score(batch);
    }

    private static ItemScorer scorer(BackendRegistry registry, ModelSettings model, EvalMode mode, Tokenizer tok) {
        HrmTextModel.Options options = new HrmTextModel.Options(model.backend(), "cpu", model.threads(), 0);
        if (mode != EvalMode.LOGLIK) {
            return new GenerationScorer(HrmTextModel.open(registry.select(model.backend()), model.path(), options), tok, mode);
        }
        if (!Files.isDirectory(model.path())) {
            throw new InvalidInputException("--mode loglik scores with a training backend and needs a model directory, not "
                    + model.path());
        }
        ModelWeights weights = HrmTextModel.readDirectory(model.path());
        return new LoglikScorer(registry.select(model.backend()).openTrainer(
                TrainerSpec.fresh(weights, AdamAtan2Settings.pretraining()), BackendOptions.cpu(model.threads())),
                tok, weights.layout().config());
    }

    @Override
    public void close() {
        try (tokenizer) {
            scorer.close();
        }
    }
}
