/**
 * {@code hrm serve}: an OpenAI-compatible HTTP driving adapter on Javalin (Jetty 12).
 *
 * <p>{@link org.hrmtext.server.HrmServer} wires the routes ({@code /v1/completions},
 * {@code /v1/chat/completions} with server-sent events, {@code /v1/models}, {@code /health},
 * {@code /ready}, {@code /metrics}), the bearer-key check, OpenAI-style errors and the access log.
 * Requests are parsed by {@link org.hrmtext.server.RequestParser}, decoded by the embedding API's
 * {@link org.hrmtext.inference.batching.ContinuousBatcher}, and every text concern (prompt
 * formatting, the messages mapping, detokenization, UTF-8-safe deltas, stop strings) sits behind
 * {@link org.hrmtext.server.TextCodec}. The module depends on ports and inference only: backends
 * and tokenizers arrive from the caller.
 */
package org.hrmtext.server;
