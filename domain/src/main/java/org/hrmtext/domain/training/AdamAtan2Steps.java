package org.hrmtext.domain.training;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;

/**
 * The bookkeeping of AdamATan2 that every backend shares, as in the reference: each trained
 * tensor has its own step counter, which advances only in steps where the tensor received a
 * gradient, and the step's scalar factors follow from it. Counters are kept per fused tensor and
 * saved under each part's Hugging Face name; a resumed run takes them back from the first part.
 *
 * <pre>{@code
 * AdamAtan2Steps steps = AdamAtan2Steps.resume(settings, trainable, state.tensorSteps());
 * AdamAtan2Steps.Factors f = steps.advance("model.H_module.layers.0.attn.gqkv_proj.weight", lr);
 * // p ← p·f.decay(); … p ← p − f.stepScale() · atan2(m, sqrt(v) / f.denomScale())
 * }</pre>
 */
public final class AdamAtan2Steps {
    private final AdamAtan2Settings settings;
    private final Map<String, FusedTensor> tensors = new LinkedHashMap<>();
    private final Map<String, Long> steps = new LinkedHashMap<>();

    /**
     * The factors of one tensor's update at its step {@code t}.
     *
     * @param step the tensor's own 1-based step count after this update
     * @param decay decoupled weight decay, {@code 1 − lr·wd}
     * @param stepScale {@code lr / (1 − β1^t)}
     * @param denomScale {@code sqrt(1 − β2^t)}, which divides {@code sqrt(v)}
     */
    public record Factors(long step, double decay, double stepScale, double denomScale) {
    }

    private AdamAtan2Steps(AdamAtan2Settings settings, Collection<FusedTensor> trainable, Map<String, Long> saved) {
        this.settings = settings;
        for (FusedTensor t : trainable) {
            tensors.put(t.name(), t);
            steps.put(t.name(), saved.getOrDefault(t.parts().get(0).name(), 0L));
        }
    }

    /** Counters at 0 for every trainable tensor of a fresh run. */
    public static AdamAtan2Steps fresh(AdamAtan2Settings settings, Collection<FusedTensor> trainable) {
        return new AdamAtan2Steps(settings, trainable, Map.of());
    }

    /** Counters of a resumed run, from the per-part-name counts it saved (absent = 0). */
    public static AdamAtan2Steps resume(AdamAtan2Settings settings, Collection<FusedTensor> trainable,
            Map<String, Long> savedByPartName) {
        return new AdamAtan2Steps(settings, trainable, savedByPartName);
    }

    /** Advances {@code fusedName}'s counter for a step in which it received a gradient. */
    public Factors advance(String fusedName, double lr) {
        Long previous = steps.get(fusedName);
        if (previous == null) {
            throw new IllegalArgumentException("no trainable tensor " + fusedName);
        }
        long t = previous + 1;
        steps.put(fusedName, t);
        return new Factors(t, 1 - lr * settings.weightDecay(), lr / (1 - Math.pow(settings.beta1(), t)),
                Math.sqrt(1 - Math.pow(settings.beta2(), t)));
    }

    /** The counters under every part's name, as an optimizer state stores them. */
    public Map<String, Long> byPartName() {
        Map<String, Long> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> t.parts().forEach(p -> out.put(p.name(), steps.get(name))));
        return out;
    }

    /** The trainable tensors, in order. */
    public List<FusedTensor> tensors() {
        return List.copyOf(tensors.values());
    }
}
