package org.hrmtext.app.batch;

import java.io.Serializable;
import java.util.Map;

/** What the model produced for one evaluation item and its score in [0, 1]. */
public record ScoredItem(double score, String output) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Map<String, Object> toJson(EvalItem item) {
        return Map.of("id", item.id(), "line", item.line(), "kind", item.kind(), "score", score, "output", output);
    }
}
