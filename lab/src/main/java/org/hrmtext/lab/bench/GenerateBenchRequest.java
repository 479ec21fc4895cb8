package org.hrmtext.lab.bench;

import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.ports.ExportOptions;

/**
 * A generation benchmark: model preset (random weights; {@code xl-random} is the released XL
 * shape), backend, threads, prompt length and new tokens, the context at which a cached decode
 * step is compared with recomputing the whole sequence, and the configurations to run: every
 * combination of weight format, KV-cache type and batch size (rows decoded together), with the
 * block size of quantized weights and whether {@code lm_head} is quantized with them.
 */
public record GenerateBenchRequest(String preset, String backend, int threads, int promptTokens, int newTokens,
        int recomputeContext, List<ExportOptions.Weights> weights, int blockSize, boolean quantizeLmHead,
        List<ExportOptions.CacheType> caches, List<Integer> batches) {

    public GenerateBenchRequest {
        if (promptTokens < 1 || newTokens < 1 || recomputeContext < 0) {
            throw new InvalidInputException("bench generate: expected prompt and new tokens >= 1 and recompute context >= 0");
        }
        weights = List.copyOf(weights);
        caches = List.copyOf(caches);
        batches = List.copyOf(batches);
        if (weights.isEmpty() || caches.isEmpty() || batches.isEmpty()) {
            throw new InvalidInputException("bench generate: --weights, --kv-dtype and --batch need at least one value");
        }
        for (int b : batches) {
            if (b < 1) {
                throw new InvalidInputException("bench generate: --batch " + b + ": expected sizes >= 1");
            }
        }
    }

    /** The export options of one weight format and cache type. */
    ExportOptions export(ExportOptions.Weights w, ExportOptions.CacheType cache) {
        return new ExportOptions(17, w, blockSize, quantizeLmHead && w.quantized(), cache);
    }
}
