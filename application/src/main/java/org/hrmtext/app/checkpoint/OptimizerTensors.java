package org.hrmtext.app.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterSpec;

/**
 * The AdamATan2 moments as the tensors of {@code optimizer.safetensors}: {@code exp_avg.<name>}
 * and {@code exp_avg_sq.<name>} (the reference's names), and back, checked against the model's
 * layout and the per-tensor step counts.
 */
final class OptimizerTensors {
    static final String FIRST = "exp_avg.";
    static final String SECOND = "exp_avg_sq.";

    private OptimizerTensors() {
    }

    static List<HostTensor> flatten(Map<String, HostTensor> first, Map<String, HostTensor> second) {
        List<HostTensor> out = new ArrayList<>();
        first.forEach((name, t) -> out.add(t.renamed(FIRST + name)));
        second.forEach((name, t) -> out.add(t.renamed(SECOND + name)));
        return out;
    }

    /**
     * Splits the file's tensors into first and second moments: every tensor with a step count has
     * both, shaped as in the layout, and the file holds nothing else.
     */
    static List<Map<String, HostTensor>> split(String file, Map<String, HostTensor> tensors, ParameterLayout layout,
            Iterable<String> stepped) {
        Map<String, HostTensor> first = new HashMap<>();
        Map<String, HostTensor> second = new HashMap<>();
        for (String name : stepped) {
            ParameterSpec spec = layout.get(name);
            first.put(name, moment(file, tensors, FIRST + name, spec));
            second.put(name, moment(file, tensors, SECOND + name, spec));
        }
        TreeSet<String> extra = new TreeSet<>(tensors.keySet());
        first.keySet().forEach(n -> extra.remove(FIRST + n));
        second.keySet().forEach(n -> extra.remove(SECOND + n));
        if (!extra.isEmpty()) {
            throw new InvalidInputException(file + ": tensor " + extra.first()
                    + " has no entry in trainer_state.json optimizer_steps");
        }
        return List.of(first, second);
    }

    private static HostTensor moment(String file, Map<String, HostTensor> tensors, String key, ParameterSpec spec) {
        HostTensor t = tensors.get(key);
        if (t == null) {
            throw new InvalidInputException(file + ": tensor " + key + " is missing (expected shape " + spec.shapeText() + ")");
        }
        if (!Arrays.equals(t.shape(), spec.shape())) {
            throw new InvalidInputException(file + ": tensor " + key + " has shape " + Arrays.toString(t.shape())
                    + ", expected " + spec.shapeText());
        }
        return t.renamed(spec.name());
    }
}
