package org.hrmtext.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hrmtext.inference.batching.ContinuousBatcher;
import org.hrmtext.inference.batching.StepObserver;

/**
 * The server's Prometheus metrics, in a registry of its own, written in the Prometheus text
 * format: requests by endpoint and status, prompt and generated tokens, cancelled requests, queue
 * depth, active requests and cache bytes (read from the batcher when scraped), rows per decode step
 * (batch occupancy), time to first token, inter-token time, and each step's forward and scheduler
 * (Java) time.
 */
public final class ServerMetrics implements StepObserver {
    private static final double[] LATENCY = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("hrm_requests_total").help("HTTP requests by endpoint and status")
            .labelNames("endpoint", "status").register(registry);
    private final Counter promptTokens = Counter.builder().name("hrm_prompt_tokens_total").help("prompt tokens of completed requests")
            .register(registry);
    private final Counter generatedTokens = Counter.builder().name("hrm_generated_tokens_total").help("tokens generated")
            .register(registry);
    private final Counter cancelled = Counter.builder().name("hrm_requests_cancelled_total")
            .help("generations cancelled because the client went away").register(registry);
    private final Histogram stepRows = Histogram.builder().name("hrm_batch_occupancy").help("requests decoded together per step")
            .classicOnly().classicUpperBounds(1, 2, 4, 8, 16, 32, 64).register(registry);
    private final Histogram ttft = Histogram.builder().name("hrm_time_to_first_token_seconds")
            .help("from arrival to the first generated token").classicOnly().classicUpperBounds(LATENCY).register(registry);
    private final Histogram interToken = Histogram.builder().name("hrm_inter_token_seconds")
            .help("between consecutive tokens of one request").classicOnly().classicUpperBounds(LATENCY).register(registry);
    private final Histogram stepForward = Histogram.builder().name("hrm_step_forward_seconds")
            .help("backend forward time of one decode step").classicOnly().classicUpperBounds(LATENCY).register(registry);
    private final Histogram stepJava = Histogram.builder().name("hrm_step_scheduler_seconds")
            .help("scheduler (Java) time of one decode step around the forward: bias, sampling, bookkeeping").classicOnly()
            .classicUpperBounds(1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 0.01).register(registry);

    /** Registers the gauges read from {@code batcher} at scrape time. */
    public void watch(ContinuousBatcher batcher) {
        GaugeWithCallback.builder().name("hrm_queue_depth").help("requests waiting for a batch slot")
                .callback(cb -> cb.call(batcher.stats().queued())).register(registry);
        GaugeWithCallback.builder().name("hrm_active_requests").help("requests holding a batch slot")
                .callback(cb -> cb.call(batcher.stats().active())).register(registry);
        GaugeWithCallback.builder().name("hrm_kv_cache_bytes").help("bytes held by the batch KV cache")
                .callback(cb -> cb.call(batcher.stats().cacheBytes())).register(registry);
    }

    void request(String endpoint, int status) {
        requests.labelValues(endpoint, Integer.toString(status)).inc();
    }

    void tokens(int prompt, int generated) {
        promptTokens.inc(prompt);
        generatedTokens.inc(generated);
    }

    void cancelled() {
        cancelled.inc();
    }

    void firstToken(double seconds) {
        ttft.observe(seconds);
    }

    void interToken(double seconds) {
        interToken.observe(seconds);
    }

    @Override
    public void onStep(int rows, long forwardNanos, long javaNanos) {
        stepRows.observe(rows);
        stepForward.observe(forwardNanos / 1e9);
        stepJava.observe(javaNanos / 1e9);
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** The current metrics in the Prometheus text format. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
