package org.hrmtext.app.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonFields;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.ports.TrainerState;

/**
 * {@code trainer_state.json}: the last completed {@code step}, the data position of the next
 * batch ({@code epoch}, {@code batch_in_epoch}), each trained tensor's own optimizer step count
 * ({@code optimizer_steps}) and the run's {@code settings}.
 */
final class TrainerStateJson {
    private TrainerStateJson() {
    }

    /** A trainer state and the optimizer's per-tensor step counts, as read back. */
    record Parsed(TrainerState trainer, Map<String, Long> optimizerSteps) {
    }

    static String write(TrainerState state, Map<String, Long> optimizerSteps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", state.step());
        m.put("epoch", state.epoch());
        m.put("batch_in_epoch", state.batchInEpoch());
        m.put("optimizer_steps", new TreeMap<>(optimizerSteps));
        m.put("settings", new TreeMap<>(state.settings()));
        return JsonWriter.pretty(m);
    }

    @SuppressWarnings("unchecked")
    static Parsed parse(String file, String text, ParameterLayout layout) {
        Map<String, Object> m;
        try {
            m = Json.parseObject(text);
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(file, e);
        }
        JsonFields f = new JsonFields(file, m);
        long step = nonNegative(file, "step", m.get("step"));
        int epoch = f.requireInt("epoch");
        int batch = f.requireInt("batch_in_epoch");
        Map<String, Long> steps = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object(file, "optimizer_steps", m.get("optimizer_steps")).entrySet()) {
            if (layout.get(e.getKey()) == null || !layout.get(e.getKey()).trainable()) {
                throw new InvalidInputException(file + ": key optimizer_steps: " + e.getKey()
                        + " is not a trained tensor of this model");
            }
            steps.put(e.getKey(), nonNegative(file, "optimizer_steps." + e.getKey(), e.getValue()));
        }
        Map<String, Object> settings = object(file, "settings", m.get("settings"));
        if (epoch < 0 || batch < 0) {
            throw new InvalidInputException(file + ": keys epoch and batch_in_epoch: expected integers >= 0");
        }
        return new Parsed(new TrainerState(step, epoch, batch, settings), steps);
    }

    private static long nonNegative(String file, String key, Object v) {
        if (!(v instanceof Long) || (Long) v < 0) {
            throw new InvalidInputException(file + ": key " + key + ": expected an integer >= 0, got " + v);
        }
        return (Long) v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String file, String key, Object v) {
        if (!(v instanceof Map)) {
            throw new InvalidInputException(file + ": key " + key + ": expected an object");
        }
        return (Map<String, Object>) v;
    }
}
