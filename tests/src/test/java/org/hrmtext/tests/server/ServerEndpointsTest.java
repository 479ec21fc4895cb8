package org.hrmtext.tests.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.hrmtext.app.serve.ServerLauncher;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The endpoints on a tiny model: greedy text from the server, streamed and not, equals
 * {@code hrm generate} for the same prompt and condition; the usage counts, the model list,
 * health, readiness and metrics.
 */
class ServerEndpointsTest {
    private static ServerLauncher.Running server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = ServedModel.start(4, 8);
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String generate(String prompt, int maxTokens) {
        return Hrm.run("generate", "--model", ServedModel.onnx(), "--prompt", prompt, "--condition", "direct",
                "--max-new-tokens", maxTokens).succeeded().out().stripTrailing();
    }

    @Test
    void greedyCompletionsStreamedOrNotEqualHrmGenerate() throws Exception {
        String expected = generate("2+2=", 12);
        String body = "{\"model\":\"model\",\"prompt\":\"2+2=\",\"max_tokens\":12,\"temperature\":0";
        HttpResponse<String> plain = http.post("/v1/completions", body + "}");
        assertEquals(200, plain.statusCode(), plain.body());
        JsonNode answer = Http.json(plain);
        assertEquals(expected, Http.text(answer));
        assertEquals("text_completion", answer.path("object").asText());
        assertEquals(7, answer.path("usage").path("prompt_tokens").asInt(), "<boq> <direct> 2 + 2 = <eoq>");
        int completion = answer.path("usage").path("completion_tokens").asInt();
        assertTrue(completion >= 1 && completion <= 12, answer.toString());
        String reason = answer.path("choices").path(0).path("finish_reason").asText();
        assertTrue(List.of("stop", "length").contains(reason), reason);

        HttpResponse<String> streamed = http.post("/v1/completions", body + ",\"stream\":true}");
        assertEquals(200, streamed.statusCode());
        assertTrue(streamed.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = Http.events(streamed.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        assertEquals(expected, Http.streamedText(streamed.body()));
        JsonNode last = Http.JSON.readTree(events.get(events.size() - 2));
        assertEquals(reason, last.path("choices").path(0).path("finish_reason").asText());
        assertEquals(completion, last.path("usage").path("completion_tokens").asInt());
    }

    @Test
    void chatMapsEarlierMessagesToPlainTextBeforeTheLastUserMessage() throws Exception {
        String expected = generate("System: be brief\nUser: hi\nAssistant: hello\nwhat is 3+4?", 10);
        HttpResponse<String> r = http.post("/v1/chat/completions", "{\"messages\":["
                + "{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"hello\"},{\"role\":\"user\",\"content\":\"what is 3+4?\"}],"
                + "\"max_tokens\":10,\"temperature\":0}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(expected, Http.text(Http.json(r)));
        assertEquals("chat.completion", Http.json(r).path("object").asText());
    }

    @Test
    void modelsHealthReadyAndMetricsAnswer() {
        JsonNode models = Http.json(http.get("/v1/models"));
        assertEquals("model", models.path("data").path(0).path("id").asText());
        assertEquals(200, http.get("/health").statusCode());
        assertEquals(200, http.get("/ready").statusCode());
        http.post("/v1/completions", "{\"prompt\":\"a\",\"max_tokens\":2}");
        HttpResponse<String> metrics = http.get("/metrics");
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        for (String name : List.of("hrm_requests_total", "hrm_prompt_tokens_total", "hrm_generated_tokens_total",
                "hrm_queue_depth", "hrm_active_requests", "hrm_batch_occupancy", "hrm_time_to_first_token_seconds",
                "hrm_inter_token_seconds", "hrm_step_scheduler_seconds")) {
            assertTrue(text.contains(name), name + " missing from\n" + text);
        }
        assertTrue(Http.metric(text, "hrm_generated_tokens_total") >= 1);
    }
}
