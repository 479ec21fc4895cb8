package org.hrmtext.app.batch;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the model wrote for one prompt (up to {@code <eoa>}), with the prompt's id and the number of new tokens. */
public record GeneratedText(Serializable id, String output, int tokens) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The JSON line of {@code results.jsonl}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("output", output);
        m.put("tokens", tokens);
        return m;
    }
}
