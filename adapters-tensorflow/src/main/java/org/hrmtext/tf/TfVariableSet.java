package org.hrmtext.tf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.HostTensor;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * One variable per fused tensor (parameters, a moment, the EMA, gradient buffers), loaded from and
 * read back to the host in one session run each, and reported under the split Hugging Face names.
 */
final class TfVariableSet {
    private final List<FusedTensor> tensors;
    private final Map<String, TfVariable> variables = new LinkedHashMap<>();

    /** Declares a variable for each of {@code tensors}, named {@code <prefix>_<index>}. */
    TfVariableSet(Ops tf, String prefix, List<FusedTensor> tensors) {
        this.tensors = List.copyOf(tensors);
        int i = 0;
        for (FusedTensor t : tensors) {
            variables.put(t.name(), TfVariable.create(tf, prefix + "_" + i++, t.shape()));
        }
    }

    TfVariable get(String fusedName) {
        TfVariable v = variables.get(fusedName);
        if (v == null) {
            throw new IllegalStateException("no variable for " + fusedName);
        }
        return v;
    }

    /** Assigns each variable the host value {@code values} gives for its fused tensor. */
    void load(Session session, Function<FusedTensor, HostTensor> values) {
        if (tensors.isEmpty()) {
            return;
        }
        try (TfFeed feed = new TfFeed()) {
            Session.Runner runner = session.runner();
            for (FusedTensor t : tensors) {
                TfVariable v = variables.get(t.name());
                feed.floats(v.loadValue(), v.dims(), values.apply(t).data());
                runner.addTarget(v.load());
            }
            feed.bind(runner).run().close();
        }
    }

    /** Current values, split into the Hugging Face tensors of each fused tensor. */
    Map<String, HostTensor> readParts(Session session) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        if (tensors.isEmpty()) {
            return out;
        }
        Session.Runner runner = session.runner();
        tensors.forEach(t -> runner.fetch(variables.get(t.name()).value()));
        try (Result result = runner.run()) {
            for (int i = 0; i < tensors.size(); i++) {
                for (HostTensor part : FusedLayout.split(tensors.get(i), TfFetched.floats(result, i))) {
                    out.put(part.name(), part);
                }
            }
        }
        return out;
    }
}
