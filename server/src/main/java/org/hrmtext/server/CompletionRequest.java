package org.hrmtext.server;

import java.util.List;
import java.util.Optional;
import org.hrmtext.domain.text.Condition;

/**
 * A parsed and checked {@code /v1/completions} or {@code /v1/chat/completions} body: the prompt
 * text or the messages, {@code max_tokens} (absent: as many as the context leaves, at most the
 * server's default), sampling ({@code temperature}, {@code top_p}, {@code seed}), stop strings,
 * {@code stream}, and the HRM-Text conditions ({@code hrm_condition}, default {@code direct}).
 */
public record CompletionRequest(boolean chat, String model, String prompt, List<ChatMessage> messages,
        Optional<Integer> maxTokens, double temperature, double topP, long seed, List<String> stop, boolean stream,
        List<Condition> conditions) {

    public CompletionRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        conditions = List.copyOf(conditions);
    }
}
