package org.hrmtext.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.Condition;

/**
 * Reads an OpenAI-style completion or chat body and refuses, with a 400 naming the field, what the
 * server cannot honour: malformed JSON, fields of the wrong type, another model, {@code max_tokens}
 * ≤ 0, {@code temperature} &lt; 0, {@code top_p} outside (0, 1], {@code n} &gt; 1, more than
 * {@value #MAX_STOPS} stop strings, an unknown condition, messages without a final user message.
 * Fields it does not know are ignored, as OpenAI clients send many.
 */
public final class RequestParser {
    static final int MAX_STOPS = 4;
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");
    private final ObjectMapper json = new ObjectMapper();
    private final String modelId;

    public RequestParser(String modelId) {
        this.modelId = modelId;
    }

    public CompletionRequest parse(String body, boolean chat) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(null, "invalid_json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid(null, "invalid_json", "the body must be a JSON object");
        }
        String model = optionalText(root, "model").orElse(modelId);
        if (!model.equals(modelId)) {
            throw new ApiException(400, "invalid_request_error", "the model \"" + model + "\" does not exist; this server "
                    + "serves \"" + modelId + "\"", "model", "model_not_found");
        }
        String prompt = null;
        List<ChatMessage> messages = List.of();
        if (chat) {
            messages = messages(root);
        } else {
            prompt = prompt(root);
        }
        Optional<Integer> maxTokens = optionalInt(root, chat && !root.has("max_tokens") ? "max_completion_tokens" : "max_tokens");
        if (maxTokens.isPresent() && maxTokens.get() <= 0) {
            throw ApiException.invalid("max_tokens", "invalid_value", "max_tokens must be at least 1, got " + maxTokens.get());
        }
        double temperature = optionalNumber(root, "temperature").orElse(1.0);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw ApiException.invalid("temperature", "invalid_value", "temperature must be a number >= 0, got " + temperature);
        }
        double topP = optionalNumber(root, "top_p").orElse(1.0);
        if (!(topP > 0 && topP <= 1)) {
            throw ApiException.invalid("top_p", "invalid_value", "top_p must be in (0, 1], got " + topP);
        }
        int n = optionalInt(root, "n").orElse(1);
        if (n != 1) {
            throw ApiException.invalid("n", "invalid_value", "n must be 1 (one choice per request), got " + n);
        }
        long seed = optionalLong(root, "seed").orElse(0L);
        boolean stream = optionalBoolean(root, "stream").orElse(false);
        return new CompletionRequest(chat, model, prompt, messages, maxTokens, temperature, topP, seed, stops(root), stream,
                conditions(root));
    }

    private static String prompt(JsonNode root) {
        JsonNode p = root.get("prompt");
        if (p == null || p.isNull()) {
            throw ApiException.invalid("prompt", "missing_field", "prompt is required");
        }
        if (p.isArray() && p.size() == 1 && p.get(0).isTextual()) {
            return p.get(0).asText();
        }
        if (!p.isTextual()) {
            throw ApiException.invalid("prompt", "invalid_type", "prompt must be a string (or an array of one string)");
        }
        return p.asText();
    }

    private static List<ChatMessage> messages(JsonNode root) {
        JsonNode m = root.get("messages");
        if (m == null || !m.isArray() || m.isEmpty()) {
            throw ApiException.invalid("messages", "invalid_type", "messages must be a non-empty array");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            JsonNode msg = m.get(i);
            String param = "messages[" + i + "]";
            if (!msg.isObject() || !msg.path("role").isTextual()) {
                throw ApiException.invalid(param + ".role", "invalid_type", param + " must be an object with a string role");
            }
            String role = msg.get("role").asText();
            if (!ROLES.contains(role)) {
                throw ApiException.invalid(param + ".role", "invalid_value", param + ".role must be one of " + ROLES.stream().sorted().toList()
                        + ", got \"" + role + "\"");
            }
            out.add(new ChatMessage(role, content(msg.get("content"), param + ".content")));
        }
        if (!out.get(out.size() - 1).role().equals("user")) {
            throw ApiException.invalid("messages", "invalid_value", "the last message must have role user "
                    + "(it is the instruction; earlier messages come before it as plain text)");
        }
        return out;
    }

    private static String content(JsonNode c, String param) {
        if (c != null && c.isTextual()) {
            return c.asText();
        }
        if (c != null && c.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : c) {
                if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
                    throw ApiException.invalid(param, "invalid_type", param + ": only text parts are supported");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw ApiException.invalid(param, "invalid_type", param + " must be a string or an array of text parts");
    }

    private static List<String> stops(JsonNode root) {
        JsonNode s = root.get("stop");
        List<String> out = new ArrayList<>();
        if (s == null || s.isNull()) {
            return out;
        }
        if (s.isTextual()) {
            out.add(s.asText());
        } else if (s.isArray()) {
            for (Iterator<JsonNode> it = s.elements(); it.hasNext();) {
                JsonNode e = it.next();
                if (!e.isTextual()) {
                    throw ApiException.invalid("stop", "invalid_type", "stop must be a string or an array of strings");
                }
                out.add(e.asText());
            }
        } else {
            throw ApiException.invalid("stop", "invalid_type", "stop must be a string or an array of strings");
        }
        if (out.size() > MAX_STOPS) {
            throw ApiException.invalid("stop", "invalid_value", "at most " + MAX_STOPS + " stop strings, got " + out.size());
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw ApiException.invalid("stop", "invalid_value", "stop strings must not be empty");
        }
        return out;
    }

    private static List<Condition> conditions(JsonNode root) {
        String text = optionalText(root, "hrm_condition").orElse(Condition.DIRECT.key());
        try {
            return Condition.parseList(text);
        } catch (InvalidInputException e) {
            throw ApiException.invalid("hrm_condition", "invalid_value", "hrm_condition: " + e.getMessage());
        }
    }

    private static Optional<String> optionalText(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, "invalid_type", field + " must be a string");
        }
        return Optional.of(v.asText());
    }

    private static Optional<Integer> optionalInt(JsonNode root, String field) {
        return optionalLong(root, field).map(v -> {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw ApiException.invalid(field, "invalid_value", field + " is out of range: " + v);
            }
            return v.intValue();
        });
    }

    private static Optional<Long> optionalLong(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.invalid(field, "invalid_type", field + " must be an integer");
        }
        return Optional.of(v.asLong());
    }

    private static Optional<Double> optionalNumber(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw ApiException.invalid(field, "invalid_type", field + " must be a number");
        }
        return Optional.of(v.asDouble());
    }

    private static Optional<Boolean> optionalBoolean(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw ApiException.invalid(field, "invalid_type", field + " must be true or false");
        }
        return Optional.of(v.asBoolean());
    }
}
