package org.hrmtext.lab.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One backend's figures of {@code hrm bench load}: the seconds to load the model and tokenizer as a
 * downloaded model is loaded, the peak resident memory of that process and its ratio to the
 * model's float32 weight bytes (and the peak while loading, before generating), the first-token latency (prefill of the prompt) and the decode
 * rate; for ONNX Runtime also the export from the folder (seconds, file bytes).
 */
public record LoadBenchReport(String preset, String backend, int threads, long parameters, long fp32WeightBytes,
        long checkpointBytes, double loadSeconds, long rssAfterLoadBytes, long peakWhileLoadingBytes, long peakRssBytes,
        double firstTokenMillis, double decodeTokensPerSecond, int promptTokens, int newTokens, double exportSeconds, long exportedBytes) {

    /** Peak resident memory over the float32 weight bytes. */
    public double rssRatio() {
        return (double) peakRssBytes / fp32WeightBytes;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", "load");
        m.put("preset", preset);
        m.put("backend", backend);
        m.put("threads", threads);
        m.put("parameters", parameters);
        m.put("fp32_weight_bytes", fp32WeightBytes);
        m.put("checkpoint_bytes", checkpointBytes);
        if (exportedBytes > 0) {
            m.put("export_s", round(exportSeconds));
            m.put("exported_bytes", exportedBytes);
        }
        m.put("load_s", round(loadSeconds));
        m.put("rss_after_load_bytes", rssAfterLoadBytes);
        m.put("peak_rss_while_loading_bytes", peakWhileLoadingBytes);
        m.put("peak_rss_bytes", peakRssBytes);
        m.put("peak_rss_over_fp32_weights", round(rssRatio()));
        m.put("first_token_ms", round(firstTokenMillis));
        m.put("decode_tokens_per_s", round(decodeTokensPerSecond));
        m.put("prompt_tokens", promptTokens);
        m.put("new_tokens", newTokens);
        return m;
    }

    public String text() {
        return String.format(Locale.ROOT, "bench load %s on %s (%d threads): load %.2f s, peak RSS %.2f GB = %.2fx the "
                + "%.2f GB fp32 weights, first token %.0f ms (%d prompt tokens), decode %.2f tokens/s (%d tokens)%s%n",
                preset, backend, threads, loadSeconds, peakRssBytes / 1e9, rssRatio(), fp32WeightBytes / 1e9,
                firstTokenMillis, promptTokens, decodeTokensPerSecond, newTokens,
                exportedBytes > 0 ? String.format(Locale.ROOT, "; exported in %.1f s, %.2f GB", exportSeconds, exportedBytes / 1e9) : "");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
