package org.hrmtext.app.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code hrm bench generate} measured: prefill time of the prompt, decode throughput, the KV
 * cache's size, one cached decode step against recomputing the sequence without a cache, and
 * resident memory.
 */
public record GenerateBenchReport(GenerateBenchRequest request, long parameters, double prefillMillis,
        double decodeTokensPerSecond, long cacheBytes, double cachedStepMillis, double recomputeMillis,
        ProcessMemory memory) {

    public double recomputeRatio() {
        return cachedStepMillis > 0 ? recomputeMillis / cachedStepMillis : 0;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", request.backend());
        m.put("preset", request.preset());
        m.put("parameters", parameters);
        m.put("threads", request.threads());
        m.put("prompt_tokens", request.promptTokens());
        m.put("new_tokens", request.newTokens());
        m.put("prefill_ms", prefillMillis);
        m.put("decode_tokens_per_s", decodeTokensPerSecond);
        m.put("cache_bytes", cacheBytes);
        m.put("recompute_context", request.recomputeContext());
        m.put("cached_step_ms", cachedStepMillis);
        m.put("recompute_ms", recomputeMillis);
        m.put("cached_vs_recompute", recomputeRatio());
        m.put("rss_mb", memory.rssBytes() / 1048576.0);
        m.put("peak_rss_mb", memory.peakRssBytes() / 1048576.0);
        return m;
    }

    public String text() {
        return String.format(Locale.ROOT, "%s on %s (%,d parameters): prefill %d tokens %.1f ms, decode %.1f tokens/s, "
                + "KV cache %.1f MB%ncached step %.2f ms vs recompute of %d tokens %.2f ms (%.1fx)%npeak RSS %.0f MB%n",
                request.preset(), request.backend(), parameters, request.promptTokens(), prefillMillis,
                decodeTokensPerSecond, cacheBytes / 1048576.0, cachedStepMillis, request.recomputeContext(),
                recomputeMillis, recomputeRatio(), memory.peakRssBytes() / 1048576.0);
    }
}
