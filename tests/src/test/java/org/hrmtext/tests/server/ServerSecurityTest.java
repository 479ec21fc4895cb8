package org.hrmtext.tests.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.cli.wiring.Composition;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.inference.batching.BatchingSettings;
import org.hrmtext.inference.batching.ContinuousBatcher;
import org.hrmtext.inference.tokenizer.ByteLevelTokenizer;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;
import org.hrmtext.server.HrmServer;
import org.hrmtext.server.ServerMetrics;
import org.hrmtext.server.ServerSettings;
import org.hrmtext.server.TokenizerTextCodec;
import org.junit.jupiter.api.Test;

/**
 * With an API key every {@code /v1/*} call needs {@code Authorization: Bearer <key>} (401
 * otherwise) while {@code /health} stays open; the key never reaches the log; the server binds
 * to loopback and sends no CORS headers.
 */
class ServerSecurityTest {

    @Test
    void v1NeedsTheBearerKeyWhichIsNeverLogged() {
        String key = "s3cret-key-0123";
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (InferenceModel model = Composition.injector().getInstance(BackendRegistry.class).select("onnx")
                .openInference(ModelSource.ofFile(ServedModel.onnx()), BackendOptions.cpu(1));
                ContinuousBatcher batcher = new ContinuousBatcher(model, new BatchingSettings(2, 2, 1L << 28, 256), new ServerMetrics());
                HrmServer server = HrmServer.start(batcher, new TokenizerTextCodec(new ByteLevelTokenizer(SpecialTokens.byteLevel())),
                        new ServerSettings("127.0.0.1", 0, "model", Optional.of(key), 65536, 8, Duration.ofSeconds(60),
                                Duration.ofSeconds(5)), new ServerMetrics(), log)) {
            Http http = new Http(server.url());
            String body = "{\"prompt\": \"a\", \"max_tokens\": 2}";
            assertEquals(401, http.post("/v1/completions", body).statusCode());
            assertEquals(401, http.post("/v1/completions", body, "Authorization", "Bearer wrong").statusCode());
            assertEquals(401, http.get("/v1/models", "Authorization", key).statusCode());
            assertEquals("invalid_api_key", Http.json(http.get("/v1/models")).path("error").path("code").asText());
            assertEquals(200, http.post("/v1/completions", body, "Authorization", "Bearer " + key).statusCode());
            assertEquals(200, http.get("/v1/models", "Authorization", "Bearer " + key).statusCode());
            assertEquals(200, http.get("/health").statusCode());
            var preflight = http.send("OPTIONS", "/v1/completions", null, null, "Origin", "http://evil.example",
                    "Access-Control-Request-Method", "POST");
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "CORS is off");
            assertTrue(server.url().startsWith("http://127.0.0.1:"));
            String logged = logBytes.toString(StandardCharsets.UTF_8);
            assertTrue(logged.contains("POST /v1/completions 401"), logged);
            assertFalse(logged.contains(key), "the key is never logged");
        }
    }
}
