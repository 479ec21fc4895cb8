package org.hrmtext.lab.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one concurrency level of the load test measured: requests and errors, wall time,
 * requests/s, generated tokens (from the usage counts) and aggregate tokens/s, time to first
 * token and inter-token latency (per request: time between its first and last text delta over
 * its tokens − 1) at p50 and p99, in milliseconds.
 */
public record LevelResult(int concurrency, int requests, int errors, double wallSeconds, long generatedTokens,
        double ttftP50, double ttftP99, double itlP50, double itlP99) {

    public double requestsPerSecond() {
        return (requests - errors) / wallSeconds;
    }

    public double tokensPerSecond() {
        return generatedTokens / wallSeconds;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("concurrency", concurrency);
        m.put("requests", requests);
        m.put("errors", errors);
        m.put("wall_s", wallSeconds);
        m.put("requests_per_s", requestsPerSecond());
        m.put("generated_tokens", generatedTokens);
        m.put("tokens_per_s", tokensPerSecond());
        m.put("ttft_ms_p50", ttftP50);
        m.put("ttft_ms_p99", ttftP99);
        m.put("itl_ms_p50", itlP50);
        m.put("itl_ms_p99", itlP99);
        return m;
    }
}
