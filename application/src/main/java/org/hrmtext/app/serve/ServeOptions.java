package org.hrmtext.app.serve;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code hrm serve} loads and how it serves: a model directory or ONNX file (or, for the load
 * test, a preset's random weights with the built-in byte tokenizer), the backend, device and
 * threads, the listening address, the batcher's limits, the bearer key's environment variable,
 * and the request limits.
 */
public record ServeOptions(Optional<Path> model, Optional<String> preset, String backend, String device, int threads,
        String host, int port, int maxBatch, int maxQueue, int maxContext, Optional<String> apiKeyEnv, long cacheBudgetMb,
        int requestTimeoutSeconds, int graceSeconds, long maxBodyKb, int defaultMaxTokens) {
}
