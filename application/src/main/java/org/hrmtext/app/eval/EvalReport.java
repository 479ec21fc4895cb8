package org.hrmtext.app.eval;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.hrmtext.app.AppVersion;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.checkpoint.SourceModel;

/**
 * The mean score over items, the same per item kind, where the per-item results are, and which
 * model was scored (its name and SHA-256, {@link SourceModel}; never its path).
 */
public record EvalReport(EvalMode mode, int items, double score, Map<String, Double> byKind, Path results,
        SourceModel model) {

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
        m.put("model", model.name());
        m.put("model_sha256", model.sha256());
        m.put("hrm_version", AppVersion.version());
        return m;
    }
}
