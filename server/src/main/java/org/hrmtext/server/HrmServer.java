package org.hrmtext.server;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseClient;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.hrmtext.inference.batching.ContinuousBatcher;

/**
 * The HTTP server: Javalin routes over {@link Completions}, the bearer-key check on {@code /v1/*},
 * OpenAI-style errors for every refusal (400, 401, 404, 405, 413, 415, 429, 503, 504; 500 with an
 * error id whose stack trace goes to the log), one access line per request, and a drain on
 * shutdown: stop taking requests, let running ones finish within the grace period, stop.
 *
 * <pre>{@code
 * HrmServer server = HrmServer.start(batcher, new TokenizerTextCodec(tokenizer), settings, metrics, System.out);
 * System.out.println(server.url());
 * }</pre>
 */
public final class HrmServer implements AutoCloseable {
    private static final Set<String> ENDPOINTS = Set.of("/v1/completions", "/v1/chat/completions", "/v1/models", "/health",
            "/ready", "/metrics");
    private final Javalin app;
    private final ContinuousBatcher batcher;
    private final ServerSettings settings;
    private final ServerMetrics metrics;
    private final Completions completions;
    private final RequestParser parser;
    private final Optional<BearerKey> key;
    private final PrintStream log;
    private final long created = Instant.now().getEpochSecond();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean ready = true;

    private HrmServer(ContinuousBatcher batcher, TextCodec codec, ServerSettings settings, ServerMetrics metrics, PrintStream log) {
        this.batcher = batcher;
        this.settings = settings;
        this.metrics = metrics;
        this.log = log;
        this.completions = new Completions(batcher, codec, settings, metrics);
        this.parser = new RequestParser(settings.modelId());
        this.key = settings.apiKey().map(BearerKey::new);
        metrics.watch(batcher);
        this.app = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.startup.showJavalinBanner = false;
            config.requestLogger.http(this::access);
            config.routes.before("/v1/*", this::authorize);
            config.routes.post("/v1/completions", ctx -> complete(ctx, false));
            config.routes.post("/v1/chat/completions", ctx -> complete(ctx, true));
            config.routes.get("/v1/models", ctx -> json(ctx, 200, OpenAiJson.models(settings.modelId(), created)));
            config.routes.get("/health", ctx -> json(ctx, 200, Map.of("status", "ok")));
            config.routes.get("/ready", ctx -> json(ctx, ready ? 200 : 503, Map.of("status", ready ? "ready" : "stopping")));
            config.routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
            config.routes.exception(ApiException.class, (e, ctx) -> json(ctx, e.status(), e.body()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, this::internal);
            config.routes.error(404, ctx -> httpError(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path()));
            config.routes.error(405, ctx -> httpError(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path()));
        });
    }

    /** Starts listening; returns once the port is bound. */
    public static HrmServer start(ContinuousBatcher batcher, TextCodec codec, ServerSettings settings, ServerMetrics metrics,
            PrintStream log) {
        HrmServer server = new HrmServer(batcher, codec, settings, metrics, log);
        server.app.start();
        return server;
    }

    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port();
    }

    private void authorize(Context ctx) {
        if (key.isPresent() && !key.get().accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "invalid_request_error", "a valid API key is required: send Authorization: Bearer <key>",
                    null, "invalid_api_key");
        }
    }

    private void complete(Context ctx, boolean chat) throws InterruptedException {
        inFlight.incrementAndGet();
        try {
            completeCounted(ctx, chat);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void completeCounted(Context ctx, boolean chat) throws InterruptedException {
        long arrival = System.nanoTime();
        if (!ready) {
            throw new ApiException(503, "server_error", "the server is shutting down", null, "shutting_down");
        }
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "invalid_request_error", "Content-Type must be application/json, got "
                    + (type == null ? "none" : type), null, "unsupported_media_type");
        }
        CompletionRequest request = parser.parse(ctx.body(), chat);
        Completions.Running run;
        try {
            run = completions.start(request, arrival);
        } catch (ApiException e) {
            if (e.status() == 429) {
                ctx.header("Retry-After", "1");
            }
            throw e;
        }
        String id = (chat ? "chatcmpl-" : "cmpl-") + HexFormat.of().formatHex(nextBytes());
        long now = Instant.now().getEpochSecond();
        if (request.stream()) {
            stream(ctx, run, id, now, chat);
        } else {
            StringBuilder text = new StringBuilder();
            CompletionResult result = completions.drive(run, new CompletionSink() {
                @Override
                public void delta(String piece) {
                    text.append(piece);
                }

                @Override
                public boolean alive() {
                    return true;
                }

                @Override
                public void idle() {
                }
            });
            json(ctx, 200, OpenAiJson.answer(id, settings.modelId(), now, chat, text.toString(), result));
        }
    }

    private void stream(Context ctx, Completions.Running run, String id, long now, boolean chat) throws InterruptedException {
        ctx.status(200);
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.contentType("text/event-stream");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no");
        try (SseClient client = new SseClient(ctx)) {
            if (chat) {
                client.sendData(OpenAiJson.write(OpenAiJson.chunk(id, settings.modelId(), now, true, "", null)));
            }
            CompletionResult result;
            try {
                result = completions.drive(run, new CompletionSink() {
                    @Override
                    public void delta(String piece) {
                        client.sendData(OpenAiJson.write(OpenAiJson.chunk(id, settings.modelId(), now, chat, piece, null)));
                    }

                    @Override
                    public boolean alive() {
                        return !client.terminated();
                    }

                    @Override
                    public void idle() {
                        client.sendComment("waiting");
                    }
                });
            } catch (ApiException e) {
                client.sendData(OpenAiJson.write(e.body()));
                client.sendData("[DONE]");
                return;
            } catch (RuntimeException e) {
                client.sendData(OpenAiJson.write(internalBody(e)));
                client.sendData("[DONE]");
                return;
            }
            if (!client.terminated()) {
                client.sendData(OpenAiJson.write(OpenAiJson.chunk(id, settings.modelId(), now, chat, null, result)));
                client.sendData("[DONE]");
            }
        }
    }

    private byte[] nextBytes() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return b;
    }

    private void internal(Exception e, Context ctx) {
        json(ctx, 500, internalBody(e));
    }

    private Map<String, Object> internalBody(Exception e) {
        String errorId = "err-" + HexFormat.of().formatHex(nextBytes());
        log.println("hrm serve: " + errorId + ": " + e);
        e.printStackTrace(log);
        return new ApiException(500, "server_error", "internal error " + errorId + " (the server log has the details)",
                null, "internal_error").body();
    }

    private void httpError(Context ctx, int status, String message) {
        String type = status == 404 ? "not_found_error" : status == 405 ? "method_not_allowed" : "invalid_request_error";
        String code = status == 413 ? "body_too_large" : type;
        String text = status == 413 ? "the body is larger than the limit of " + settings.maxBodyBytes() + " bytes" : message;
        json(ctx, status, new ApiException(status, type, text, null, code).body());
    }

    private static void json(Context ctx, int status, Map<String, Object> body) {
        ctx.status(status).contentType("application/json").result(OpenAiJson.write(body));
    }

    private void access(Context ctx, Float millis) {
        String endpoint = ENDPOINTS.contains(ctx.path()) ? ctx.path() : "other";
        metrics.request(endpoint, ctx.statusCode());
        log.printf(Locale.ROOT, "%s %s %s %d %.1f ms%n", Instant.now(), ctx.method(), ctx.path(), ctx.statusCode(), millis);
    }

    /**
     * Stops taking completions ({@code /ready} answers 503), lets running ones finish within the
     * grace period, then stops the HTTP server; returns whether all finished in time.
     */
    public boolean shutdown() {
        ready = false;
        long end = System.nanoTime() + settings.grace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - end < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean drained = inFlight.get() == 0 && batcher.drain(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
        app.stop();
        return drained;
    }

    @Override
    public void close() {
        app.stop();
    }
}
