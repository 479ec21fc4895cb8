package org.hrmtext.app.eval;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The mean score over items, the same per item kind, and where the per-item results are. */
public record EvalReport(EvalMode mode, int items, double score, Map<String, Double> byKind, Path results) {

    public EvalReport {
        byKind = new TreeMap<>(byKind);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        m.put("items", items);
        m.put("score", score);
        m.put("by_kind", byKind);
        m.put("results", results.toString());
        return m;
    }
}
