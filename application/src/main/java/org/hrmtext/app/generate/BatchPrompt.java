package org.hrmtext.app.generate;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.json.Json;
import org.hrmtext.domain.json.JsonFields;
import org.hrmtext.domain.text.Condition;

/**
 * One prompt of {@code hrm generate-batch}: {@code {"id": "q1" or 7, "prompt": "...", "condition": "direct"}}
 * ({@code instruction} is accepted for {@code prompt}; without an id, the line number is the id).
 */
public record BatchPrompt(Serializable id, String prompt, List<Condition> conditions) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The prompts of a JSONL file; a malformed line is an error naming the file and line. */
    public static List<BatchPrompt> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read as UTF-8 text: " + e.getMessage(), e);
        }
        List<BatchPrompt> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                try {
                    out.add(parse(i + 1, Json.parseObject(lines.get(i))));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(file + ": line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(file + ": no prompts");
        }
        return out;
    }

    /** One prompt from its fields ({@code line} is the id when there is none). */
    public static BatchPrompt parse(long line, Map<String, Object> m) {
        JsonFields f = new JsonFields("prompt", m);
        Object id = m.getOrDefault("id", line);
        if (!(id instanceof String || id instanceof Long)) {
            throw new InvalidInputException("key id: expected a string or an integer, got " + id);
        }
        String prompt = m.containsKey("prompt") ? f.requireString("prompt") : f.requireString("instruction");
        return new BatchPrompt((Serializable) id, prompt, Condition.parseList(f.optString("condition", "")));
    }
}
