package org.hrmtext.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI response shapes: a completion or chat completion, a streamed chunk of either, the
 * model list, and usage counts, written with Jackson.
 */
final class OpenAiJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiJson() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The whole answer. */
    static Map<String, Object> answer(String id, String model, long created, boolean chat, String text, CompletionResult r) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        if (chat) {
            choice.put("message", Map.of("role", "assistant", "content", text));
        } else {
            choice.put("text", text);
            choice.put("logprobs", null);
        }
        choice.put("finish_reason", r.finishReason());
        Map<String, Object> out = head(id, chat ? "chat.completion" : "text_completion", model, created);
        out.put("choices", List.of(choice));
        out.put("usage", usage(r));
        return out;
    }

    /** One streamed chunk: a text delta, or (with {@code result}) the last one with the finish reason and usage. */
    static Map<String, Object> chunk(String id, String model, long created, boolean chat, String delta, CompletionResult result) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        if (chat) {
            choice.put("delta", delta == null ? Map.of() : Map.of("role", "assistant", "content", delta));
        } else {
            choice.put("text", delta == null ? "" : delta);
            choice.put("logprobs", null);
        }
        choice.put("finish_reason", result == null ? null : result.finishReason());
        Map<String, Object> out = head(id, chat ? "chat.completion.chunk" : "text_completion", model, created);
        out.put("choices", List.of(choice));
        if (result != null) {
            out.put("usage", usage(result));
        }
        return out;
    }

    static Map<String, Object> models(String model, long created) {
        return Map.of("object", "list", "data", List.of(Map.of("id", model, "object", "model", "created", created,
                "owned_by", "hrm-text")));
    }

    private static Map<String, Object> head(String id, String object, String model, long created) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", object);
        out.put("created", created);
        out.put("model", model);
        return out;
    }

    private static Map<String, Object> usage(CompletionResult r) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("prompt_tokens", r.promptTokens());
        u.put("completion_tokens", r.completionTokens());
        u.put("total_tokens", r.promptTokens() + r.completionTokens());
        return u;
    }
}
