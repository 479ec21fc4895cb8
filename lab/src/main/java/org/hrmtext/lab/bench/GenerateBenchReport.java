package org.hrmtext.lab.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hrmtext.ports.ExportOptions;

/**
 * What {@code hrm bench generate} measured for one configuration (weight format, KV-cache type,
 * batch): prefill time of the prompts, decode throughput in all rows together and per row, the
 * KV cache's size, the size of the exported model, one cached decode step against recomputing the
 * sequence without a cache (batch 1 only; 0 when skipped), and resident memory, the peak counted
 * from just before the model was loaded.
 */
public record GenerateBenchReport(GenerateBenchRequest request, ExportOptions format, int batch, long parameters,
        long modelFileBytes, double prefillMillis, double decodeTokensPerSecond, long cacheBytes,
        double cachedStepMillis, double recomputeMillis, ProcessMemory memory) {

    public double recomputeRatio() {
        return cachedStepMillis > 0 ? recomputeMillis / cachedStepMillis : 0;
    }

    /** Decode tokens per second of one row. */
    public double perSequenceTokensPerSecond() {
        return decodeTokensPerSecond / batch;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", request.backend());
        m.put("preset", request.preset());
        m.put("parameters", parameters);
        m.put("threads", request.threads());
        m.put("weights", format.weights().label());
        m.put("block_size", format.weights().quantized() ? format.blockSize() : 0);
        m.put("lm_head", format.quantizeLmHead() ? format.weights().label() : "f32");
        m.put("kv_dtype", format.cache().label());
        m.put("batch", batch);
        m.put("model_file_bytes", modelFileBytes);
        m.put("prompt_tokens", request.promptTokens());
        m.put("new_tokens", request.newTokens());
        m.put("prefill_ms", prefillMillis);
        m.put("decode_tokens_per_s", decodeTokensPerSecond);
        m.put("decode_tokens_per_s_per_sequence", perSequenceTokensPerSecond());
        m.put("cache_bytes", cacheBytes);
        m.put("recompute_context", cachedStepMillis > 0 ? request.recomputeContext() : 0);
        m.put("cached_step_ms", cachedStepMillis);
        m.put("recompute_ms", recomputeMillis);
        m.put("cached_vs_recompute", recomputeRatio());
        m.put("rss_mb", memory.rssBytes() / 1048576.0);
        m.put("peak_rss_mb", memory.peakRssBytes() / 1048576.0);
        return m;
    }

    public String text() {
        String recompute = cachedStepMillis > 0 ? String.format(Locale.ROOT,
                "%ncached step %.2f ms vs recompute of %d tokens %.2f ms (%.1fx)", cachedStepMillis,
                request.recomputeContext(), recomputeMillis, recomputeRatio()) : "";
        return String.format(Locale.ROOT, "%s on %s (%,d parameters), weights %s, batch %d: prefill %d tokens %.1f ms, "
                + "decode %.1f tokens/s (%.1f per sequence), KV cache %.1f MB, model file %.1f MB%s%npeak RSS %.0f MB%n",
                request.preset(), request.backend(), parameters, format.describe(), batch, request.promptTokens(),
                prefillMillis, decodeTokensPerSecond, perSequenceTokensPerSecond(), cacheBytes / 1048576.0,
                modelFileBytes / 1048576.0, recompute, memory.peakRssBytes() / 1048576.0);
    }
}
