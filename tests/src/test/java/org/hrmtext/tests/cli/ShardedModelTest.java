package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.cli.Hrm;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards sharded Hugging Face model directories ({@code model.safetensors.index.json} with a
 * {@code weight_map} over two shard files, no {@code model.safetensors}): the golden HRM model
 * split in two scores exactly like the single file; a missing shard and a tensor of the wrong
 * shape are exit 2 with one line naming the file and the tensor.
 */
class ShardedModelTest {
    private static final String INDEX = "model.safetensors.index.json";
    private static final String FIRST = "model-00001-of-00002.safetensors";
    private static final String SECOND = "model-00002-of-00002.safetensors";

    @TempDir
    Path dir;

    private Path model;
    private final Map<String, HostTensor> first = new LinkedHashMap<>();
    private final Map<String, HostTensor> second = new LinkedHashMap<>();

    /** The golden model folder with its tensors split half and half into two shards. */
    @BeforeEach
    void shardGoldenModel() throws IOException {
        GoldenInputs inputs = new GoldenInputs(dir);
        model = inputs.weights().getParent();
        List<HostTensor> all = new ArrayList<>(Safetensors.read(inputs.weights()).values());
        for (int i = 0; i < all.size(); i++) {
            (i < all.size() / 2 ? first : second).put(all.get(i).name(), all.get(i));
        }
        Files.delete(inputs.weights());
        writeShards();
    }

    private void writeShards() throws IOException {
        SafetensorsWriter.write(model.resolve(FIRST), first.values(), Map.of());
        SafetensorsWriter.write(model.resolve(SECOND), second.values(), Map.of());
        Map<String, Object> weightMap = new LinkedHashMap<>();
        first.keySet().forEach(name -> weightMap.put(name, FIRST));
        second.keySet().forEach(name -> weightMap.put(name, SECOND));
        Files.writeString(model.resolve(INDEX), JsonWriter.pretty(Map.of("metadata", Map.of(), "weight_map", weightMap)));
    }

    private String rejected() {
        return Hrm.run("score", "--model", model, "--batch", GoldenInputs.GOLDEN.dir().resolve(GoldenInputs.BATCH),
                "--threads", 1).failure(Hrm.BAD_INPUT, "score");
    }

    @Test
    void shardsScoreLikeTheSingleFile() {
        assertEquals(ExportHfTest.score(GoldenInputs.GOLDEN.dir()), ExportHfTest.score(model));
    }

    @Test
    void aMissingShardNamesTheIndexAndTheShard() throws IOException {
        Files.delete(model.resolve(SECOND));
        assertEquals(model.resolve(INDEX) + ": shard " + SECOND + " is missing (listed in weight_map)", rejected());
    }

    @Test
    void aTensorOfTheWrongShapeNamesItsShardAndTheTensor() throws IOException {
        HostTensor head = second.containsKey("lm_head.weight") ? second.get("lm_head.weight") : first.get("lm_head.weight");
        Map<String, HostTensor> holder = second.containsKey(head.name()) ? second : first;
        holder.put(head.name(), new HostTensor(head.name(), new int[] {96, 64}, new float[96 * 64]));
        writeShards();
        String shard = holder == first ? FIRST : SECOND;
        assertEquals(model.resolve(shard) + ": tensor lm_head.weight has shape [96, 64], expected [97, 64]", rejected());
    }
}
