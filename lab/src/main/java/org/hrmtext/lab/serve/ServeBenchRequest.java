package org.hrmtext.lab.serve;

import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.serve.ServeOptions;
import org.hrmtext.domain.InvalidInputException;

/**
 * One {@code hrm bench serve} run: the server to start, the concurrency levels (each drives
 * {@code requests} streamed greedy completions of {@code maxTokens} tokens from that many client
 * threads), prompt length in characters, and the output folder.
 */
public record ServeBenchRequest(ServeOptions server, List<Integer> concurrency, int requests, int maxTokens, int promptChars,
        Path out) {

    public ServeBenchRequest {
        concurrency = List.copyOf(concurrency);
        if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1)) {
            throw new InvalidInputException("--concurrency: expected positive integers such as 1,4,16, got " + concurrency);
        }
        if (requests < 1 || maxTokens < 1 || promptChars < 1) {
            throw new InvalidInputException("--requests, --max-tokens and --prompt-chars: expected integers >= 1");
        }
    }
}
