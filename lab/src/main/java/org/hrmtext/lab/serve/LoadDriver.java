package org.hrmtext.lab.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hrmtext.domain.diagnostics.Percentiles;

/**
 * Drives a running server with streamed greedy completions from {@code concurrency} client
 * threads (JDK HTTP client, SSE lines read as they come) and measures one {@link LevelResult}.
 * Every request has its own prompt so the load is not one repeated sequence.
 */
final class LoadDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final int maxTokens;
    private final int promptChars;

    LoadDriver(String url, int maxTokens, int promptChars) {
        this.url = url;
        this.maxTokens = maxTokens;
        this.promptChars = promptChars;
    }

    /** Timings of one request, in nanoseconds from its start; tokens from its usage counts, or −1 on error. */
    private record Timing(long firstDelta, long lastDelta, int tokens) {
    }

    LevelResult level(int concurrency, int requests, int offset) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<Future<List<Timing>>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                List<Timing> mine = new ArrayList<>();
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    mine.add(request(offset + i));
                }
                return mine;
            }));
        }
        List<Timing> all = new ArrayList<>();
        try {
            for (Future<List<Timing>> f : workers) {
                all.addAll(f.get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("load-test client failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        List<Timing> ok = all.stream().filter(t -> t.tokens() >= 0).toList();
        double[] ttft = ok.stream().filter(t -> t.firstDelta() >= 0).mapToDouble(t -> t.firstDelta() / 1e6).sorted().toArray();
        double[] itl = ok.stream().filter(t -> t.tokens() > 1 && t.lastDelta() > t.firstDelta())
                .mapToDouble(t -> (t.lastDelta() - t.firstDelta()) / 1e6 / (t.tokens() - 1)).sorted().toArray();
        long tokens = ok.stream().mapToLong(Timing::tokens).sum();
        return new LevelResult(concurrency, requests, all.size() - ok.size(), wall, tokens, p(ttft, Percentiles.MEDIAN),
                p(ttft, Percentiles.P99), p(itl, Percentiles.MEDIAN), p(itl, Percentiles.P99));
    }

    private static double p(double[] ascending, int permille) {
        return ascending.length == 0 ? Double.NaN : Percentiles.of(ascending, permille);
    }

    private Timing request(int i) {
        String prompt = String.format(Locale.ROOT, "request %d: ", i);
        char[] filler = new char[Math.max(0, promptChars - prompt.length())];
        Arrays.fill(filler, (char) ('a' + i % 26));
        String body;
        try {
            body = JSON.writeValueAsString(java.util.Map.of("prompt", prompt + new String(filler), "max_tokens", maxTokens,
                    "temperature", 0, "stream", true));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/v1/completions")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<java.util.stream.Stream<String>> r = client.send(req, HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                r.body().close();
                return new Timing(-1, -1, -1);
            }
            long first = -1;
            long last = -1;
            int tokens = -1;
            for (Iterator<String> it = r.body().iterator(); it.hasNext();) {
                String line = it.next();
                if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
                    continue;
                }
                JsonNode chunk = JSON.readTree(line.substring(6));
                if (chunk.has("error")) {
                    return new Timing(-1, -1, -1);
                }
                long now = System.nanoTime() - start;
                if (!chunk.path("choices").path(0).path("text").asText("").isEmpty()) {
                    first = first < 0 ? now : first;
                    last = now;
                }
                if (chunk.has("usage")) {
                    tokens = chunk.path("usage").path("completion_tokens").asInt();
                }
            }
            return new Timing(first, last, tokens);
        } catch (IOException e) {
            return new Timing(-1, -1, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Timing(-1, -1, -1);
        }
    }
}
