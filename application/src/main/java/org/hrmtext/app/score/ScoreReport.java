package org.hrmtext.app.score;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.ports.ScoreResult;

/**
 * The result of scoring a batch: the backend's {@link ScoreResult} with the model's layout, which
 * fixes the order of the gradient norms in the JSON output
 * ({@code {"loss": …, "labelled_tokens": …, "grad_norms": {name: norm}}}).
 */
public record ScoreReport(ScoreResult result, ParameterLayout layout) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss", result.loss());
        m.put("labelled_tokens", result.labelledTokens());
        Map<String, Object> norms = new LinkedHashMap<>();
        for (ParameterSpec spec : layout.all()) {
            Double norm = result.gradNorms().get(spec.name());
            if (norm != null) {
                norms.put(spec.name(), norm);
            }
        }
        new TreeMap<>(result.gradNorms()).forEach(norms::putIfAbsent);
        m.put("grad_norms", norms);
        return m;
    }

    /** The logits as the tensor {@code logits} [tokens, vocab], when they were asked for. */
    public Optional<HostTensor> logits() {
        return result.logits().map(t -> t.renamed("logits"));
    }
}
