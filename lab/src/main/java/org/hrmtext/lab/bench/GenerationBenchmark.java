package org.hrmtext.lab.bench;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.app.export.RandomModels;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.inference.GenerationEngine;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.GenerationResult;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ExportOptions;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.ModelSource;

/**
 * Generation speed on random weights, one report per configuration: for each weight format and
 * KV-cache type the model is exported (ONNX backend) in a child process and loaded from the file,
 * then for each batch size that many prompts are prefilled together and decoded greedily together
 * through the shared engine (one forward per step for all rows, so they share the weight reads);
 * at batch 1 one cached decode step is also timed against recomputing the whole sequence. The
 * peak resident memory is reset before each model is loaded. Other backends run float32 weights
 * in process.
 */
public final class GenerationBenchmark {
    private static final String EXPORTING_BACKEND = "onnx";
    private static final long SEED = 0;

    private final BackendRegistry registry;

    @Inject
    public GenerationBenchmark(BackendRegistry registry) {
        this.registry = registry;
    }

    /** Runs every configuration, handing each report to {@code out} as soon as it is measured. */
    public List<GenerateBenchReport> run(GenerateBenchRequest req, Consumer<GenerateBenchReport> out) {
        ModelConfig config = RandomModels.config(req.preset());
        long parameters = ParameterLayout.of(config).trainableCount();
        List<GenerateBenchReport> reports = new ArrayList<>();
        for (ExportOptions.Weights w : req.weights()) {
            for (ExportOptions.CacheType cache : req.caches()) {
                ExportOptions format = req.export(w, cache);
                Path dir = BenchFolder.create("hrm-bench-", "bench generate");
                try {
                    ModelSource source;
                    long fileBytes = 0;
                    if (req.backend().equals(EXPORTING_BACKEND)) {
                        Path file = dir.resolve("model.onnx");
                        ChildExport.export(req.preset(), SEED, format, file);
                        fileBytes = BenchFolder.bytes(dir);
                        source = ModelSource.ofFile(file);
                    } else if (!w.quantized() && cache == ExportOptions.CacheType.F32) {
                        source = ModelSource.of(RandomModels.weights(req.preset(), SEED));
                    } else {
                        throw new InvalidInputException("bench generate --backend " + req.backend() + ": --weights "
                                + w.label() + " --kv-dtype " + cache.label() + " needs --backend onnx");
                    }
                    ProcessMemory.resetPeak();
                    try (InferenceModel model = registry.select(req.backend()).openInference(source,
                            BackendOptions.cpu(req.threads()))) {
                        source = null; // let an in-process copy of the weights go before the caches grow
                        for (int batch : req.batches()) {
                            GenerationResult r = generate(model, req, batch);
                            double[] recompute = batch == 1 && req.recomputeContext() > 0
                                    ? cachedVersusRecompute(model, req.recomputeContext()) : new double[2];
                            GenerateBenchReport report = new GenerateBenchReport(req, format, batch, parameters,
                                    fileBytes, r.prefillMillis(), r.decodeTokensPerSecond(), r.cacheBytes(),
                                    recompute[0], recompute[1], ProcessMemory.now());
                            reports.add(report);
                            out.accept(report);
                        }
                    }
                } finally {
                    BenchFolder.delete(dir, "bench generate");
                }
            }
        }
        return reports;
    }

    /** {@code batch} random prompts decoded greedily together. */
    private static GenerationResult generate(InferenceModel model, GenerateBenchRequest req, int batch) {
        int vocab = model.config().vocabSize();
        List<int[]> prompts = new ArrayList<>();
        for (int r = 0; r < batch; r++) {
            prompts.add(new SplittableRandom(1 + r).ints(req.promptTokens(), 0, vocab).toArray());
        }
        return new GenerationEngine(model, req.promptTokens() + req.newTokens()).generate(new GenerationRequest(prompts,
                req.newTokens(), SamplingSettings.greedy(), 0, java.util.Set.of(), List.of(), null));
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
