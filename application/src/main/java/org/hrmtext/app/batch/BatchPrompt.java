package org.hrmtext.app.batch;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.io.InputLine;
import org.hrmtext.app.io.ItemIds;
import org.hrmtext.app.io.JsonLines;
import org.hrmtext.formats.json.JsonFields;
import org.hrmtext.domain.text.Condition;

/**
 * One prompt of {@code hrm generate-batch}: {@code {"id": "q1" or 7, "prompt": "...", "condition": "direct"}}
 * ({@code instruction} is accepted for {@code prompt}; without an id, the line number is the id, {@code PART:LINE}
 * in a directory of part files).
 */
public record BatchPrompt(Serializable id, String prompt, List<Condition> conditions) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The prompts of {@code lines} (of {@code input}); a malformed line is an error naming its file and line. */
    public static List<BatchPrompt> read(String input, List<InputLine> lines) {
        return JsonLines.parse(input, lines, "prompts", BatchPrompt::parse);
    }

    /** One prompt from its fields (without an id, its place is the id: {@link InputLine#defaultId()}). */
    public static BatchPrompt parse(InputLine at, Map<String, Object> m) {
        JsonFields f = new JsonFields("prompt", m);
        Serializable id = ItemIds.of(m, at);
        String prompt = m.containsKey("prompt") ? f.requireString("prompt") : f.requireString("instruction");
        return new BatchPrompt(id, prompt, Condition.parseList(f.optString("condition", "")));
    }
}
