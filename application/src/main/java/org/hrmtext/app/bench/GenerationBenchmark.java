package org.hrmtext.app.bench;

import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hrmtext.app.wiring.BackendRegistry;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.inference.GenerationEngine;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.GenerationResult;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.ModelSource;

/**
 * Generation speed on random weights: a prompt prefilled then greedy decoding through the
 * shared engine, and one cached decode step against recomputing the whole sequence.
 */
public final class GenerationBenchmark {
    private final BackendRegistry registry;

    @Inject
    public GenerationBenchmark(BackendRegistry registry) {
        this.registry = registry;
    }

    public GenerateBenchReport run(GenerateBenchRequest req) {
        ModelConfig config = req.preset().equalsIgnoreCase("xl-random") ? ModelPresets.named("XL") : ModelPresets.named(req.preset());
        ParameterLayout layout = ParameterLayout.of(config);
        ModelWeights weights = WeightInitializer.initialize(layout, 0);
        int[] prompt = new SplittableRandom(1).ints(req.promptTokens(), 0, config.vocabSize()).toArray();
        try (InferenceModel model = registry.select(req.backend()).openInference(ModelSource.of(weights),
                BackendOptions.cpu(req.threads()))) {
            weights = null; // let the host copy go before the cache grows
            GenerationResult r = new GenerationEngine(model, req.promptTokens() + req.newTokens())
                    .generate(GenerationRequest.greedy(prompt, req.newTokens()));
            double[] recompute = req.recomputeContext() > 0 ? cachedVersusRecompute(model, req.recomputeContext()) : new double[2];
            return new GenerateBenchReport(req, layout.trainableCount(), r.prefillMillis(), r.decodeTokensPerSecond(),
                    r.cacheBytes(), recompute[0], recompute[1], ProcessMemory.now());
        }
    }

    /** Milliseconds of one cached step at {@code context} tokens and of one forward over all of them. */
    private static double[] cachedVersusRecompute(InferenceModel model, int context) {
        int vocab = model.config().vocabSize();
        long[] tokens = new SplittableRandom(2).longs(context, 0, vocab).toArray();
        int reps = 5;
        long cachedNanos = 0;
        for (int i = 0; i < reps; i++) {
            try (KvCache cache = model.newCache(1)) {
                model.forward(cache, forward(Arrays.copyOf(tokens, context - 1), 0));
                long s = System.nanoTime();
                model.forward(cache, forward(new long[] {tokens[context - 1]}, context - 1));
                cachedNanos += System.nanoTime() - s;
            }
        }
        long s = System.nanoTime();
        try (KvCache fresh = model.newCache(1)) {
            model.forward(fresh, forward(tokens, 0));
        }
        return new double[] {cachedNanos / 1e6 / reps, (System.nanoTime() - s) / 1e6};
    }

    /** A forward of tokens at positions {@code first..}, attending to everything before (all allowed). */
    private static ForwardRequest forward(long[] tokens, int first) {
        int t = tokens.length;
        long[] positions = new long[t];
        for (int i = 0; i < t; i++) {
            positions[i] = first + i;
        }
        float[] bias = new float[t * (first + t)];
        return new ForwardRequest(1, t, tokens, positions, bias, new long[] {t - 1});
    }
}
