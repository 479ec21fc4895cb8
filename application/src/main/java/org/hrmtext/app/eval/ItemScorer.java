package org.hrmtext.app.eval;

import java.util.List;
import java.util.Map;

/** Scores a batch of items, returning per item a score in [0, 1] and what the model produced. */
interface ItemScorer extends AutoCloseable {

    /** A score and the model's output for one item. */
    record Scored(double score, String output) {
        Map<String, Object> toJson(EvalItem item) {
            return Map.of("line", item.line(), "kind", item.kind(), "score", score, "output", output);
        }
    }

    List<Scored> score(List<EvalItem> batch);

    @Override
    void close();
}
