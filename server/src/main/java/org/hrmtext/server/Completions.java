package org.hrmtext.server;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.inference.batching.ContinuousBatcher;
import org.hrmtext.inference.batching.DecodeOutcome;
import org.hrmtext.inference.batching.DecodeOutcome.FinishReason;
import org.hrmtext.inference.batching.DecodeRequest;
import org.hrmtext.inference.batching.Generation;
import org.hrmtext.inference.batching.QueueFullException;

/**
 * Runs one completion: text → prompt ids (checked against the context), a submission to the
 * batcher (a full queue is a 429, shutting down a 503), then tokens → text deltas into a
 * {@link CompletionSink} until a stop token, a stop string or {@code max_tokens}; a client that
 * goes away cancels the generation, freeing its slot and cache.
 */
final class Completions {
    private static final long POLL_MILLIS = 250;
    private final ContinuousBatcher batcher;
    private final TextCodec codec;
    private final ServerSettings settings;
    private final ServerMetrics metrics;

    Completions(ContinuousBatcher batcher, TextCodec codec, ServerSettings settings, ServerMetrics metrics) {
        this.batcher = batcher;
        this.codec = codec;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** A submitted generation and what it needs while it runs. */
    record Running(CompletionRequest request, int[] prompt, Generation generation, BlockingQueue<Integer> tokens,
            long arrivalNanos) {
    }

    /** Checks the request against the context and queues it. */
    Running start(CompletionRequest r, long arrivalNanos) {
        int[] prompt = r.chat() ? codec.chatPrompt(r.messages(), r.conditions()) : codec.completionPrompt(r.prompt(), r.conditions());
        int context = batcher.settings().contextLength();
        String promptParam = r.chat() ? "messages" : "prompt";
        if (prompt.length >= context) {
            throw ApiException.invalid(promptParam, "context_length_exceeded", "the prompt is " + prompt.length
                    + " tokens; this model's context is " + context + " tokens, with room for at least one new token");
        }
        int room = context - prompt.length;
        int max = r.maxTokens().orElse(Math.min(settings.defaultMaxTokens(), room));
        if (max > room) {
            throw ApiException.invalid("max_tokens", "context_length_exceeded", "max_tokens " + max + " plus the prompt's "
                    + prompt.length + " tokens exceeds the context of " + context + " tokens");
        }
        BlockingQueue<Integer> tokens = new LinkedBlockingQueue<>();
        DecodeRequest decode = new DecodeRequest(prompt, max, new SamplingSettings(r.temperature(), 0, r.topP(), 0, r.seed()),
                codec.stopTokens(), settings.requestTimeout(), (row, token) -> tokens.add(token));
        try {
            return new Running(r, prompt, batcher.submit(decode), tokens, arrivalNanos);
        } catch (QueueFullException e) {
            boolean closing = e.getMessage().contains("shutting down");
            throw new ApiException(closing ? 503 : 429, closing ? "server_error" : "rate_limit_error", e.getMessage()
                    + "; retry later", null, closing ? "shutting_down" : "queue_full");
        } catch (InvalidInputException e) {
            throw ApiException.invalid(promptParam, "invalid_value", e.getMessage());
        }
    }

    /** Streams the generation's text into {@code sink}; returns how it ended. */
    CompletionResult drive(Running run, CompletionSink sink) throws InterruptedException {
        TextCodec.TextDecoder decoder = codec.decoder(run.request().stop());
        Generation g = run.generation();
        int taken = 0;
        long last = run.arrivalNanos();
        while (!decoder.stopped()) {
            Integer token = run.tokens().poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (token == null) {
                if (g.outcome().isDone() && run.tokens().isEmpty()) {
                    break;
                }
                sink.idle();
            } else {
                long now = System.nanoTime();
                if (taken == 0) {
                    metrics.firstToken((now - run.arrivalNanos()) / 1e9);
                } else {
                    metrics.interToken((now - last) / 1e9);
                }
                last = now;
                taken++;
                String delta = decoder.accept(token);
                if (!delta.isEmpty()) {
                    sink.delta(delta);
                }
            }
            if (!sink.alive()) {
                g.cancel();
                metrics.cancelled();
                return new CompletionResult("cancelled", run.prompt().length, taken);
            }
        }
        if (decoder.stopped()) {
            g.cancel();
        }
        DecodeOutcome outcome = outcome(g);
        String rest = decoder.flush();
        if (!rest.isEmpty()) {
            sink.delta(rest);
        }
        if (outcome.reason() == FinishReason.TIMEOUT && !decoder.stopped()) {
            throw new ApiException(504, "timeout_error", "the request ran past the server's timeout of "
                    + settings.requestTimeout().toSeconds() + " s", null, "timeout");
        }
        metrics.tokens(run.prompt().length, taken);
        String reason = decoder.stopped() || outcome.reason() == FinishReason.STOP_TOKEN ? "stop" : "length";
        return new CompletionResult(reason, run.prompt().length, taken);
    }

    private DecodeOutcome outcome(Generation g) throws InterruptedException {
        try {
            return g.outcome().get(settings.requestTimeout().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            g.cancel();
            throw new IllegalStateException("the scheduler did not finish the request in time", e);
        }
    }
}
