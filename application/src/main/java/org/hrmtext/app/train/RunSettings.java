package org.hrmtext.app.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.domain.InvalidInputException;

/**
 * The settings of a run as saved in {@code trainer_state.json}, and the check that a resumed run
 * uses the same data layout (seed, rows, seq_len): otherwise its saved data position would name
 * different batches.
 */
final class RunSettings {
    private static final List<String> DATA_LAYOUT = List.of("seed", "rows", "seq_len");

    private RunSettings() {
    }

    static Map<String, Object> of(TrainingConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", c.backend().train());
        m.put("device", c.backend().device());
        m.put("deterministic", c.backend().deterministic());
        m.put("seed", c.train().seed());
        m.put("rows", (long) c.train().rows());
        m.put("seq_len", (long) c.train().seqLen());
        m.put("steps", (long) c.train().steps());
        m.put("credit", c.train().creditText());
        m.put("lr", c.optimizer().lr());
        m.put("warmup_steps", (long) c.optimizer().warmupSteps());
        m.put("min_lr_ratio", c.optimizer().minLrRatio());
        m.put("beta1", c.optimizer().adamAtan2().beta1());
        m.put("beta2", c.optimizer().adamAtan2().beta2());
        m.put("weight_decay", c.optimizer().adamAtan2().weightDecay());
        m.put("ema", c.optimizer().adamAtan2().emaDecay());
        return m;
    }

    /** Fails when the checkpoint was trained with another seed, rows or seq_len than {@code current}. */
    static void checkResumable(String checkpoint, Map<String, Object> saved, Map<String, Object> current) {
        for (String key : DATA_LAYOUT) {
            Object was = saved.get(key);
            if (!(was instanceof Number) || ((Number) was).longValue() != ((Number) current.get(key)).longValue()) {
                throw new InvalidInputException("--resume " + checkpoint + ": the checkpoint was trained with " + key + " = "
                        + was + " but the config has " + current.get(key) + " (resuming needs the same seed, rows and seq_len)");
            }
        }
    }
}
