package org.hrmtext.app.data;

import java.util.List;
import java.util.Map;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonFields;
import org.hrmtext.domain.text.Condition;

/**
 * One line of instruction data: {@code {"instruction": "...", "response": "...", "condition": "synth,cot"}},
 * the condition optional (none when absent). Other keys are ignored.
 */
record TextRecord(String instruction, String response, List<Condition> conditions) {

    /** Parses a line; a problem is an {@link org.hrmtext.domain.InvalidInputException} saying what is wrong. */
    static TextRecord parse(String line) {
        Map<String, Object> object = Json.parseObject(line);
        JsonFields f = new JsonFields("JSON object", object);
        return new TextRecord(f.requireString("instruction"), f.requireString("response"),
                Condition.parseList(f.optString("condition", "")));
    }
}
