package org.hrmtext.domain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.StackId;
import org.hrmtext.formats.model.SafetensorsWeights;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A weights file checked against the parameter layout of its config, in split or fused layout. */
class ModelWeightsTest {
    private static final ParameterLayout LAYOUT = ParameterLayout.of(ModelConfig.of(Architecture.HRM, 11, 8, 2, 1));

    @TempDir
    Path dir;

    private Path writeWithout(String dropped, HostTensor extra) throws IOException {
        List<HostTensor> tensors = new ArrayList<>();
        for (HostTensor t : WeightInitializer.initialize(LAYOUT, 1).all()) {
            if (!t.name().equals(dropped)) {
                tensors.add(t);
            }
        }
        if (extra != null) {
            tensors.add(extra);
        }
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of());
        return file;
    }

    private void assertFails(Path file, String... parts) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafetensorsWeights.read(LAYOUT, file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void missingTensorIsNamedWithItsExpectedShape() throws IOException {
        assertFails(writeWithout(ParameterNames.LM_HEAD, null), "tensor lm_head.weight is missing", "[11, 8]");
    }

    @Test
    void wrongShapeIsNamedWithBothShapes() throws IOException {
        Path file = writeWithout(ParameterNames.Z_L_INIT, new HostTensor(ParameterNames.Z_L_INIT, new int[] {9}, new float[9]));
        assertFails(file, "tensor model.z_L_init has shape [9], expected [8]");
    }

    @Test
    void fusedProjectionsSplitIntoTheCanonicalNames() throws IOException {
        ModelWeights split = WeightInitializer.initialize(LAYOUT, 3);
        List<HostTensor> fused = new ArrayList<>();
        for (HostTensor t : split.all()) {
            if (!t.name().contains(".layers.")) {
                fused.add(t);
            }
        }
        for (StackId s : LAYOUT.stacks()) {
            fused.add(concat(ParameterNames.layer(s, 0) + ".self_attn.gqkv_proj.weight", split,
                    Arrays.stream(ParameterNames.ATTENTION_PARTS).map(p -> ParameterNames.attention(s, 0, p)).toList()));
            fused.add(split.get(ParameterNames.attention(s, 0, "o_proj")));
            fused.add(concat(ParameterNames.layer(s, 0) + ".mlp.gate_up_proj.weight", split,
                    List.of(ParameterNames.mlp(s, 0, "gate_proj"), ParameterNames.mlp(s, 0, "up_proj"))));
            fused.add(split.get(ParameterNames.mlp(s, 0, "down_proj")));
        }
        Path file = dir.resolve("fused.safetensors");
        SafetensorsWriter.write(file, fused, Map.of());
        ModelWeights read = SafetensorsWeights.read(LAYOUT, file);
        assertEquals(LAYOUT.all().size(), read.all().size());
        for (HostTensor t : split.all()) {
            assertEquals(t, read.get(t.name()), t.name());
        }
    }

    @Test
    void fusedTensorThatCannotBeSplitNamesFileAndTensor() throws IOException {
        String fused = ParameterNames.layer(StackId.HIGH, 0) + ".self_attn.gqkv_proj.weight";
        Path file = writeWithout("none", new HostTensor(fused, new int[] {3, 8}, new float[24]));
        assertFails(file, "tensor " + fused + " has shape [3, 8]");
    }

    private static HostTensor concat(String name, ModelWeights w, List<String> parts) {
        int rows = 0;
        int cols = w.get(parts.get(0)).shape()[1];
        List<float[]> data = new ArrayList<>();
        for (String p : parts) {
            rows += w.get(p).shape()[0];
            data.add(w.get(p).data());
        }
        float[] out = new float[rows * cols];
        int at = 0;
        for (float[] d : data) {
            System.arraycopy(d, 0, out, at, d.length);
            at += d.length;
        }
        HostTensor t = new HostTensor(name, new int[] {rows, cols}, out);
        assertArrayEquals(new int[] {rows, cols}, t.shape());
        return t;
    }
}
