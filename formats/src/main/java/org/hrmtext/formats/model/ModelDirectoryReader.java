package org.hrmtext.formats.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.TensorFiniteness;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.safetensors.Safetensors;

/**
 * Reads a Hugging Face style model directory: {@code config.json} and either one
 * {@code model.safetensors} or shards listed in {@code model.safetensors.index.json}
 * ({@code weight_map}: tensor name → shard file). F32, BF16 and F16, split or fused projections,
 * our names or the release's ({@code attn.}); every tensor checked against the config's layout
 * from the headers, errors naming the file (the shard holding a tensor of the wrong shape) and
 * tensor. Tensor values stay in the files until a backend takes them ({@link ModelWeights}), where
 * NaN and infinities are refused ({@link TensorFiniteness}).
 */
public final class ModelDirectoryReader {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";

    private ModelDirectoryReader() {
    }

    public static ModelWeights read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": not a model directory (expected " + CONFIG + " and " + WEIGHTS + ")");
        }
        ModelConfig config = ModelConfigJson.read(dir.resolve(CONFIG));
        ParameterLayout layout = ParameterLayout.of(config);
        Path single = dir.resolve(WEIGHTS);
        Path index = dir.resolve(INDEX);
        if (Files.exists(single) || !Files.exists(index)) {
            return SafetensorsWeights.read(layout, single);
        }
        return readShards(dir, index, layout);
    }

    private static ModelWeights readShards(Path dir, Path index, ParameterLayout layout) {
        Map<String, Object> map;
        try {
            map = Json.parseObject(Files.readString(index, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(index + ": cannot read: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(index.toString(), e);
        }
        if (!(map.get("weight_map") instanceof Map)) {
            throw new InvalidInputException(index + ": missing key weight_map (tensor name -> shard file)");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        ((Map<?, ?>) map.get("weight_map")).forEach((k, v) -> weightMap.put(String.valueOf(k), String.valueOf(v)));
        Map<Safetensors.Header, List<String>> byShard = new LinkedHashMap<>();
        for (String shard : new TreeSet<>(weightMap.values())) {
            Path file = dir.resolve(shard);
            if (!Files.exists(file)) {
                throw new InvalidInputException(index + ": shard " + shard + " is missing (listed in weight_map)");
            }
            Safetensors.Header header = Safetensors.header(file);
            List<String> names = new ArrayList<>();
            weightMap.forEach((name, s) -> {
                if (s.equals(shard)) {
                    if (!header.entries().containsKey(name)) {
                        throw new InvalidInputException(file + ": tensor " + name + " is missing (weight_map lists it here)");
                    }
                    names.add(name);
                }
            });
            byShard.put(header, names);
        }
        return SafetensorsWeights.fromHeaders(layout, byShard, index.toString());
    }
}