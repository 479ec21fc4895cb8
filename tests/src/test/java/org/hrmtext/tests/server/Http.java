package org.hrmtext.tests.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Raw HTTP against the server with the JDK client: requests, JSON bodies, SSE data lines. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return send("POST", path, "application/json", body, headers);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    static List<String> events(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                out.add(line.substring("data: ".length()));
            }
        }
        return out;
    }

    /** Text of a completion (choices[0].text) or chat completion (choices[0].message.content). */
    static String text(JsonNode answer) {
        JsonNode c = answer.path("choices").path(0);
        return c.has("message") ? c.path("message").path("content").asText() : c.path("text").asText();
    }

    /** Concatenated deltas of a streamed answer. */
    static String streamedText(String body) {
        StringBuilder text = new StringBuilder();
        for (String e : events(body)) {
            if (e.equals("[DONE]")) {
                break;
            }
            try {
                JsonNode c = JSON.readTree(e).path("choices").path(0);
                text.append(c.has("delta") ? c.path("delta").path("content").asText("") : c.path("text").asText(""));
            } catch (IOException ex) {
                throw new AssertionError("bad event " + e, ex);
            }
        }
        return text.toString();
    }

    /** One sample's value from the Prometheus text, e.g. {@code hrm_active_requests}. */
    static double metric(String text, String sample) {
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + sample + " in\n" + text);
    }
}
