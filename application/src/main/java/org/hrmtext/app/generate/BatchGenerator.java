package org.hrmtext.app.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.app.batch.BatchPrompt;
import org.hrmtext.app.batch.GeneratedText;
import org.hrmtext.app.batch.ModelPaths;
import org.hrmtext.app.batch.ModelSettings;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.GenerationResult;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.inference.tokenizer.ModelTokenizer;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.Tokenizer;

/**
 * One opened model and its tokenizer writing greedy answers for prompts in batches of
 * {@value #BATCH} (the same batches wherever it runs), each stopped at {@code <eoa>} or after the
 * token limit.
 */
public final class BatchGenerator implements AutoCloseable {
    /** Prompts generated together; the prompts are cut into batches from the first on. */
    public static final int BATCH = 16;
    private final Tokenizer tokenizer;
    private final HrmTextModel model;

    private BatchGenerator(Tokenizer tokenizer, HrmTextModel model) {
        this.tokenizer = tokenizer;
        this.model = model;
    }

    public static BatchGenerator open(BackendRegistry registry, TokenizerCatalog tokenizers, ModelSettings settings) {
        Path home = ModelPaths.tokenizerHome(settings.path());
        Tokenizer tok = ModelTokenizer.open(tokenizers, home).orElseThrow(() -> new InvalidInputException(home
                + ": generate-batch needs the model's tokenizer (" + TokenizerCatalog.TOKENIZER_JSON + " or " + TokenizerInfo.FILE
                + ")"));
        try {
            return new BatchGenerator(tok, HrmTextModel.open(registry.select(settings.backend()), settings.path(),
                    new HrmTextModel.Options(settings.backend(), "cpu", settings.threads(), 0)));
        } catch (RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    /** Opens the model with the backends and tokenizer readers on the class path (for a worker without the injector). */
    public static BatchGenerator installed(ModelSettings settings) {
        return open(org.hrmtext.app.eval.EvalWorker.installedBackends(),
                new TokenizerCatalog(Set.copyOf(TokenizerCatalog.discover())), settings);
    }

    /** Generates for one batch (at most {@value #BATCH} prompts). */
    public List<GeneratedText> generate(List<BatchPrompt> batch, int maxNewTokens) {
        List<int[]> prompts = new ArrayList<>();
        for (BatchPrompt p : batch) {
            prompts.add(tokenizer.layout().instruction(p.conditions(), tokenizer.encode(p.prompt())));
        }
        GenerationResult r = model.generate(new GenerationRequest(prompts, maxNewTokens, SamplingSettings.greedy(), 0,
                Set.of(tokenizer.layout().eoa()), List.of(), null));
        List<GeneratedText> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            int[] answer = tokenizer.layout().answer(r.newTokens().get(i));
            out.add(new GeneratedText(batch.get(i).id(), tokenizer.decode(answer), answer.length));
        }
        return out;
    }

    @Override
    public void close() {
        try (tokenizer) {
            model.close();
        }
    }
}
