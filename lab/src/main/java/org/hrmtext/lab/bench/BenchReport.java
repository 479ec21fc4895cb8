package org.hrmtext.lab.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code hrm bench train} measured: throughput, model FLOPs per token, the achieved rate,
 * the backend's matmul rate measured in the same run and their ratio (MFU), and resident memory
 * at the start and end of the timed steps and at its peak.
 */
public record BenchReport(String backend, String preset, String credit, int rows, int seqLen, int steps, int threads,
        double seconds, ModelFlops flops, double matmulGflops, ProcessMemory start, ProcessMemory end) {

    public double tokensPerSecond() {
        return (double) steps * rows * seqLen / seconds;
    }

    public double achievedGflops() {
        return flops.totalPerToken() * tokensPerSecond() / 1e9;
    }

    /** Model FLOPs utilisation: achieved rate over the backend's own matmul rate. */
    public double mfu() {
        return achievedGflops() / matmulGflops;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("preset", preset);
        m.put("architecture", "hrm");
        m.put("credit", credit);
        m.put("rows", rows);
        m.put("seq_len", seqLen);
        m.put("steps", steps);
        m.put("threads", threads);
        m.put("seconds", seconds);
        m.put("step_ms", seconds * 1000 / steps);
        m.put("tokens_per_s", tokensPerSecond());
        m.put("forward_flops_per_token", flops.forwardPerToken());
        m.put("backward_flops_per_token", flops.backwardPerToken());
        m.put("model_flops_per_token", flops.totalPerToken());
        m.put("achieved_gflops", achievedGflops());
        m.put("matmul_gflops", matmulGflops);
        m.put("mfu", mfu());
        m.put("rss_start_mb", mb(start.rssBytes()));
        m.put("rss_end_mb", mb(end.rssBytes()));
        m.put("peak_rss_mb", mb(end.peakRssBytes()));
        return m;
    }

    /** A few human-readable lines. */
    public String text() {
        return String.format(Locale.ROOT, "backend %s, preset %s, HRM credit %s, %d rows x %d tokens, %d steps (threads %d)%n"
                + "tokens/s        %.1f  (%.1f ms/step)%n"
                + "model FLOPs/tok %.3e  (forward %.3e, backward %.3e)%n"
                + "achieved        %.2f GFLOP/s%n"
                + "matmul 2048^3   %.2f GFLOP/s%n"
                + "MFU             %.3f%n"
                + "RSS             start %.0f MB, end %.0f MB, peak %.0f MB%n",
                backend, preset, credit, rows, seqLen, steps, threads, tokensPerSecond(), seconds * 1000 / steps,
                flops.totalPerToken(), flops.forwardPerToken(), flops.backwardPerToken(), achievedGflops(), matmulGflops,
                mfu(), mb(start.rssBytes()), mb(end.rssBytes()), mb(end.peakRssBytes()));
    }

    private static double mb(long bytes) {
        return bytes < 0 ? -1 : bytes / (1024.0 * 1024.0);
    }
}
