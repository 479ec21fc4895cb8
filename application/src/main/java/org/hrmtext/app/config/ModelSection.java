package org.hrmtext.app.config;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.domain.config.ModelPresets;

/**
 * Builds the model of a training config from its {@code model:} section: a size preset
 * ({@code tiny} by default), optionally another {@code architecture}, then any config.json key
 * laid over it ({@code H_cycles}, {@code hidden_size}, …). Keys that the presets derive from
 * {@code hidden_size} (head_dim, intermediate_size, embedding_scale, initializer_range) are
 * derived again after the overlay unless given.
 */
final class ModelSection {
    private static final List<String> DERIVED = List.of("head_dim", "num_key_value_heads", "intermediate_size",
            "embedding_scale", "initializer_range");

    private ModelSection() {
    }

    static ModelConfig build(ConfigSection section) {
        String preset = section.stringValue("preset").orElse("tiny");
        ModelConfig base;
        try {
            base = ModelPresets.named(preset);
            String arch = section.stringValue("architecture").orElse(base.architecture().configName());
            base = base.withArchitecture(Architecture.fromConfigName(arch));
        } catch (InvalidInputException e) {
            throw section.error(section.has("architecture") ? "architecture" : "preset", e.getMessage());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) YamlValues.normalise(ModelConfigJson.toMap(base));
        TreeSet<String> known = new TreeSet<>(map.keySet());
        known.add("preset");
        section.allowOnly(known);
        DERIVED.forEach(map::remove);
        section.values().forEach((key, value) -> {
            if (!key.equals("preset")) {
                map.put(key, value);
            }
        });
        try {
            return ModelConfigJson.fromMap(section.source(), map);
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith(section.source()) ? e : InvalidInputException.at(section.source(), e);
        }
    }
}
