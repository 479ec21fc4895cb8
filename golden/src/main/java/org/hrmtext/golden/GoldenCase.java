package org.hrmtext.golden;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.formats.data.BatchJson;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.model.SafetensorsWeights;
import org.hrmtext.formats.safetensors.Safetensors;

/**
 * One oracle folder on the class path ({@code golden/ARCH} of this module's resources,
 * or {@code reference/NAME}; all made by {@code golden/tools/hrm_oracle.py}), read with the platform's
 * own readers. {@code arch} is the folder on the class path, e.g. {@code golden/hrm}.
 */
public record GoldenCase(String arch, Path dir, ModelConfig config, ModelWeights weights, PackedBatch batch,
        Map<String, Object> expected) {

    public static GoldenCase load(String arch) {
        Path dir = folder(arch);
        ModelConfig config = ModelConfigJson.read(dir.resolve("config.json"));
        ModelWeights weights = SafetensorsWeights.read(ParameterLayout.of(config), dir.resolve("model.safetensors"));
        PackedBatch batch = BatchJson.read(dir.resolve("batch.json"));
        try {
            String text = Files.readString(dir.resolve("expected.json"), StandardCharsets.UTF_8);
            return new GoldenCase(arch, dir, config, weights, batch, Json.parseObject(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path folder(String arch) {
        URL url = GoldenCase.class.getResource("/" + arch + "/config.json");
        if (url == null) {
            throw new IllegalStateException("no test-resource folder " + arch + " on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The listed backprop depths ({@code by_bp_steps} keys), shallowest first. */
    public List<String> depths() {
        return map(expected, "by_bp_steps").keySet().stream().sorted(Comparator.comparingInt(Integer::parseInt)).toList();
    }

    public String deepest() {
        List<String> d = depths();
        return d.get(d.size() - 1);
    }

    /** "0" is the architecture's own truncation; k > 0 a backprop depth of k module calls. */
    public RecurrenceSchedule schedule(String depth) {
        int k = Integer.parseInt(depth);
        return RecurrenceSchedule.of(config,
                k == 0 ? RecurrenceSchedule.ownCredit(config) : RecurrenceSchedule.creditForDepth(config, k));
    }

    public double loss(String depth) {
        return number(map(map(expected, "by_bp_steps"), depth), "loss");
    }

    public Map<String, Object> gradNorms(String depth) {
        return map(map(map(expected, "by_bp_steps"), depth), "grad_norms");
    }

    public double learningRate() {
        return number(map(expected, "one_step"), "lr");
    }

    public AdamAtan2Settings optimizer() {
        Map<String, Object> s = map(expected, "one_step");
        return new AdamAtan2Settings(number(s, "beta1"), number(s, "beta2"), number(s, "weight_decay"), number(s, "ema"));
    }

    public HostTensor expectedLogits() {
        return Safetensors.read(dir.resolve("expected_logits.safetensors")).get("logits");
    }

    public Map<String, HostTensor> afterOneStep() {
        return Safetensors.read(dir.resolve("after_one_step.safetensors"));
    }

    /** Positions that belong to a sample; padding logits are unspecified. */
    public int scoredPositions() {
        return batch.spans().stream().mapToInt(s -> s.prefixLen() + s.causalLen()).sum();
    }

    /** The prompt of the golden greedy decode (the first sample's instruction). */
    public int[] prompt() {
        return ints(map(expected, "generation").get("prompt"));
    }

    public int[] greedyTokens() {
        return ints(map(expected, "generation").get("greedy_new_tokens"));
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }
}
