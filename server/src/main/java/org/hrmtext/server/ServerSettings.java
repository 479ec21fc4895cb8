package org.hrmtext.server;

import java.time.Duration;
import java.util.Optional;
import org.hrmtext.domain.InvalidInputException;

/**
 * How the server listens and guards itself: host and port (0 = any free port), the id it serves
 * the model under, the bearer key (absent = no check), the largest body, the default
 * {@code max_tokens}, a per-request deadline and the SIGTERM grace period. CORS is never enabled.
 */
public record ServerSettings(String host, int port, String modelId, Optional<String> apiKey, long maxBodyBytes,
        int defaultMaxTokens, Duration requestTimeout, Duration grace) {

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("--port: expected 0..65535, got " + port);
        }
        if (apiKey.isPresent() && apiKey.get().isBlank()) {
            throw new InvalidInputException("--api-key-env: the variable is empty; set it to the key clients must send");
        }
        if (defaultMaxTokens < 1) {
            throw new InvalidInputException("default max_tokens: expected an integer >= 1, got " + defaultMaxTokens);
        }
    }
}
