package org.hrmtext.tests.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code hrm serve} as its own process: it prints the URL when ready; on SIGTERM it refuses new
 * completions (503) while a stream in flight finishes with {@code [DONE]}, then exits 0.
 */
class ServeSigtermTest {

    @Test
    void sigtermDrainsTheStreamInFlightAndExitsZero() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true", "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), "org.hrmtext.cli.HrmCommand", "serve", "--model",
                ServedModel.onnx().toString(), "--port", "0", "--grace", "30", "--max-context", "256");
        pb.redirectErrorStream(true);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            for (String line = out.readLine(); line != null && lines.size() < 200; line = out.readLine()) {
                lines.add(line);
                if (line.startsWith("hrm serve: listening on ")) {
                    url = line.substring("hrm serve: listening on ".length());
                    break;
                }
            }
            assertTrue(url != null && url.startsWith("http://127.0.0.1:"), "no URL printed: " + lines);
            Http http = new Http(url);
            CompletableFuture<HttpResponse<String>> stream = CompletableFuture.supplyAsync(() -> http.post("/v1/completions",
                    "{\"prompt\": \"tell me a long story\", \"max_tokens\": 200, \"temperature\": 0, \"stream\": true}"));
            long end = System.nanoTime() + 30_000_000_000L;
            while (Http.metric(http.get("/metrics").body(), "hrm_active_requests") < 1 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            p.destroy();
            HttpResponse<String> refused = null;
            while (System.nanoTime() < end) {
                refused = http.post("/v1/completions", "{\"prompt\": \"x\", \"max_tokens\": 2}");
                if (refused.statusCode() == 503) {
                    break;
                }
                Thread.sleep(5);
            }
            assertEquals(503, refused.statusCode(), refused.body());
            HttpResponse<String> streamed = stream.get(60, TimeUnit.SECONDS);
            List<String> events = Http.events(streamed.body());
            assertEquals("[DONE]", events.get(events.size() - 1), streamed.body());
            assertTrue(events.get(events.size() - 2).contains("\"finish_reason\":\"length\"")
                    || events.get(events.size() - 2).contains("\"finish_reason\":\"stop\""), streamed.body());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server exits after the drain");
            assertEquals(0, p.exitValue(), "exit code after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }
}
