package org.hrmtext.app.generate;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.io.JsonLines;
import org.hrmtext.domain.InvalidInputException;
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
        return JsonLines.read(file, "prompts", BatchPrompt::parse);
    }

    /** One prompt from its fields ({@code line} is the id when there is none). */
    public static BatchPrompt parse(int line, Map<String, Object> m) {
        JsonFields f = new JsonFields("prompt", m);
        Object id = m.containsKey("id") ? m.get("id") : Long.valueOf(line);
        if (!(id instanceof String || id instanceof Long)) {
            throw new InvalidInputException("key id: expected a string or an integer, got " + id);
        }
        String prompt = m.containsKey("prompt") ? f.requireString("prompt") : f.requireString("instruction");
        return new BatchPrompt((Serializable) id, prompt, Condition.parseList(f.optString("condition", "")));
    }
}
