package org.hrmtext.tests.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.SamplingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tensors larger than one upload block (DJL fills them by row blocks of 4 Mi values, read block by
 * block from the file): a model whose embedding and head hold 20,000 × 256 values (two blocks, the
 * second partial), and a fused release-layout model whose projections span blocks across their
 * parts, generate the same greedy tokens on DJL as on ONNX Runtime, so every row arrives where it belongs.
 */
class LargeTensorUploadTest {
    @TempDir
    Path dir;

    @Test
    void blockwiseUploadKeepsEveryRow() throws IOException {
        ModelConfig config = ModelConfig.of(Architecture.HRM, 20_000, 256, 2, 1);
        ModelWeights weights = WeightInitializer.initialize(ParameterLayout.of(config), 7);
        Files.writeString(dir.resolve("config.json"), ModelConfigJson.write(config));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), weights.all(), Map.of());
        assertSameTokens(dir, new int[] {1, 19_999, 16_384, 16_383, 5, 12_345});
    }

    /** A release-layout (fused, BF16) model whose gqkv_proj [4096, 1024] and gate_up_proj [5632, 1024] span blocks across their parts. */
    @Test
    void fusedTensorsSpanningBlocksArriveWhole() throws IOException {
        ModelConfig config = ModelConfig.of(Architecture.HRM, 512, 1024, 8, 1);
        Path release = ReleaseCheckpoint.write(WeightInitializer.initialize(ParameterLayout.of(config), 3), dir.resolve("fused"),
                new ReleaseCheckpoint.Style(SafetensorsWriter.Dtype.BF16, false, false, 64));
        assertSameTokens(release, new int[] {1, 511, 300, 5, 17});
    }

    private static void assertSameTokens(Path model, int[] prompt) {
        int[][] tokens = new int[2][];
        List<String> backends = List.of("djl", "onnx");
        for (int i = 0; i < 2; i++) {
            try (HrmTextModel m = HrmTextModel.load(model, new HrmTextModel.Options(backends.get(i), "cpu", 1, 64))) {
                tokens[i] = m.generate(new GenerationRequest(List.of(prompt), 8, SamplingSettings.greedy(), 0, Set.of(),
                        List.of(), null)).newTokens().get(0);
            }
        }
        assertEquals(8, tokens[0].length);
        assertArrayEquals(tokens[1], tokens[0]);
    }
}
