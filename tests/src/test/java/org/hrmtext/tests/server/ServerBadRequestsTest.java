package org.hrmtext.tests.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.hrmtext.app.serve.ServerLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal over raw HTTP gets its status and an OpenAI-style error body
 * ({@code {"error": {"message", "type", "param", "code"}}}); after 1,000 bad requests a good one
 * still succeeds.
 */
class ServerBadRequestsTest {
    private static ServerLauncher.Running server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = ServedModel.start(2, 4);
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badBodies() {
        String longPrompt = "x".repeat(300);
        return Stream.of(
                Arguments.of("/v1/completions", "{\"prompt\": \"a\"", 400, "invalid_json", null),
                Arguments.of("/v1/completions", "[1, 2]", 400, "invalid_json", null),
                Arguments.of("/v1/completions", "{\"prompt\": 5}", 400, "invalid_type", "prompt"),
                Arguments.of("/v1/completions", "{}", 400, "missing_field", "prompt"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"max_tokens\": \"ten\"}", 400, "invalid_type", "max_tokens"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"temperature\": \"hot\"}", 400, "invalid_type", "temperature"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"stream\": \"yes\"}", 400, "invalid_type", "stream"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"model\": \"gpt-4\"}", 400, "model_not_found", "model"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"max_tokens\": 0}", 400, "invalid_value", "max_tokens"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"max_tokens\": -3}", 400, "invalid_value", "max_tokens"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"max_tokens\": 1000}", 400, "context_length_exceeded", "max_tokens"),
                Arguments.of("/v1/completions", "{\"prompt\": \"" + longPrompt + "\"}", 400, "context_length_exceeded", "prompt"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"temperature\": -0.5}", 400, "invalid_value", "temperature"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"top_p\": 0}", 400, "invalid_value", "top_p"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"top_p\": 1.5}", 400, "invalid_value", "top_p"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"n\": 2}", 400, "invalid_value", "n"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"stop\": [\"1\",\"2\",\"3\",\"4\",\"5\"]}", 400, "invalid_value", "stop"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"stop\": 7}", 400, "invalid_type", "stop"),
                Arguments.of("/v1/completions", "{\"prompt\": \"a\", \"hrm_condition\": \"loud\"}", 400, "invalid_value", "hrm_condition"),
                Arguments.of("/v1/chat/completions", "{\"messages\": []}", 400, "invalid_type", "messages"),
                Arguments.of("/v1/chat/completions", "{\"messages\": [{\"role\": \"wizard\", \"content\": \"a\"}]}", 400,
                        "invalid_value", "messages[0].role"),
                Arguments.of("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": 3}]}", 400,
                        "invalid_type", "messages[0].content"),
                Arguments.of("/v1/chat/completions", "{\"messages\": [{\"role\": \"assistant\", \"content\": \"a\"}]}", 400,
                        "invalid_value", "messages"));
    }

    private static JsonNode error(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        JsonNode e = Http.json(r).path("error");
        assertFalse(e.path("message").asText().isBlank(), r.body());
        assertFalse(e.path("type").asText().isBlank(), r.body());
        assertTrue(e.has("param") && e.has("code"), r.body());
        return e;
    }

    @ParameterizedTest(name = "{2} {3} {4}: {1}")
    @MethodSource("badBodies")
    void badBodiesAreRefusedNamingTheField(String path, String body, int status, String code, String param) {
        JsonNode e = error(http.post(path, body), status);
        assertEquals(code, e.path("code").asText(), e.toString());
        assertEquals(param == null ? "null" : param, e.path("param").isNull() ? "null" : e.path("param").asText());
    }

    @Test
    void wrongContentTypeIs415() {
        error(http.send("POST", "/v1/completions", "text/plain", "{\"prompt\": \"a\"}"), 415);
        error(http.send("POST", "/v1/completions", null, "{\"prompt\": \"a\"}"), 415);
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"prompt\": \"" + "y".repeat(70 * 1024) + "\"}";
        assertEquals("body_too_large", error(http.post("/v1/completions", big), 413).path("code").asText());
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        error(http.get("/v1/nothing"), 404);
        error(http.post("/v2/completions", "{}"), 404);
        error(http.get("/v1/completions"), 405);
        error(http.send("DELETE", "/v1/models", null, null), 405);
    }

    @Test
    void afterAThousandBadRequestsAGoodOneSucceeds() {
        long end = System.nanoTime() + 120_000_000_000L;
        int sent = 0;
        while (sent < 1000 && System.nanoTime() < end) {
            String body = switch (sent % 4) {
                case 0 -> "{\"prompt\": ";
                case 1 -> "{\"prompt\": \"a\", \"max_tokens\": 0}";
                case 2 -> "{\"prompt\": \"a\", \"n\": 3}";
                default -> "{\"prompt\": \"a\", \"top_p\": 9}";
            };
            assertEquals(400, http.post("/v1/completions", body).statusCode());
            sent++;
        }
        assertEquals(1000, sent, "1,000 bad requests within the time bound");
        HttpResponse<String> good = http.post("/v1/completions", "{\"prompt\": \"ok\", \"max_tokens\": 3, \"temperature\": 0}");
        assertEquals(200, good.statusCode(), good.body());
        assertTrue(Http.metric(http.get("/metrics").body(), "hrm_requests_total{endpoint=\"/v1/completions\",status=\"400\"}") >= 1000);
    }
}
