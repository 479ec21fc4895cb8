package org.hrmtext.tests.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hrmtext.app.serve.ServerLauncher;
import org.junit.jupiter.api.Test;

/**
 * Continuous batching through HTTP: 16 parallel greedy requests each equal their sequential
 * result (and were decoded together); a client killed mid-stream frees its slot (visible in
 * {@code /metrics}); a full queue answers 429 with {@code Retry-After}.
 */
class ServerConcurrencyTest {

    private static String body(int i) {
        return "{\"prompt\": \"question " + i + ": " + "abcdefgh".substring(0, 1 + i % 8) + "\", \"max_tokens\": " + (4 + i % 5)
                + ", \"temperature\": 0}";
    }

    @Test
    void sixteenParallelGreedyRequestsEqualTheirSequentialResults() throws Exception {
        try (ServerLauncher.Running server = ServedModel.start(16, 16)) {
            Http http = new Http(server.url());
            List<String> sequential = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                HttpResponse<String> r = http.post("/v1/completions", body(i));
                assertEquals(200, r.statusCode(), r.body());
                sequential.add(Http.text(Http.json(r)));
            }
            String before = http.get("/metrics").body();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<HttpResponse<String>>> parallel = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int n = i;
                    parallel.add(pool.submit(() -> http.post("/v1/completions", body(n))));
                }
                for (int i = 0; i < 16; i++) {
                    HttpResponse<String> r = parallel.get(i).get(60, TimeUnit.SECONDS);
                    assertEquals(200, r.statusCode(), r.body());
                    assertEquals(sequential.get(i), Http.text(Http.json(r)), "request " + i);
                }
            } finally {
                pool.shutdownNow();
            }
            String after = http.get("/metrics").body();
            double rows = Http.metric(after, "hrm_batch_occupancy_sum") - Http.metric(before, "hrm_batch_occupancy_sum");
            double steps = Http.metric(after, "hrm_batch_occupancy_count") - Http.metric(before, "hrm_batch_occupancy_count");
            assertTrue(rows / steps > 1.5, "parallel requests were decoded together: " + rows + " rows in " + steps + " steps");
        }
    }

    /** Sends a streamed completion on a raw socket and reads until its first data line. */
    private static Socket openStream(String url, int maxTokens) throws Exception {
        URI uri = URI.create(url);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(30_000);
        String body = "{\"prompt\": \"tell me a long story\", \"max_tokens\": " + maxTokens + ", \"temperature\": 0, \"stream\": true}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/completions HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < 100; i++) {
            String line = in.readLine();
            if (line == null || line.startsWith("data: ")) {
                break;
            }
        }
        return socket;
    }

    @Test
    void aKilledClientFreesItsSlot() throws Exception {
        try (ServerLauncher.Running server = ServedModel.start(2, 2)) {
            Http http = new Http(server.url());
            Socket socket = openStream(server.url(), 230);
            socket.close();
            long end = System.nanoTime() + 20_000_000_000L;
            String metrics = http.get("/metrics").body();
            while (System.nanoTime() < end && !(Http.metric(metrics, "hrm_active_requests") == 0
                    && Http.metric(metrics, "hrm_requests_cancelled_total") >= 1)) {
                Thread.sleep(50);
                metrics = http.get("/metrics").body();
            }
            assertEquals(1, Http.metric(metrics, "hrm_requests_cancelled_total"), metrics);
            assertEquals(0, Http.metric(metrics, "hrm_active_requests"), metrics);
            assertTrue(Http.metric(metrics, "hrm_generated_tokens_total") < 230, "the generation stopped early");
            assertEquals(200, http.post("/v1/completions", body(1)).statusCode());
        }
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        try (ServerLauncher.Running server = ServedModel.start(1, 0)) {
            Http http = new Http(server.url());
            try (Socket busy = openStream(server.url(), 230)) {
                HttpResponse<String> r = http.post("/v1/completions", body(2));
                assertEquals(429, r.statusCode(), r.body());
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                assertEquals("queue_full", Http.json(r).path("error").path("code").asText());
                assertTrue(busy.isConnected());
            }
        }
    }
}
