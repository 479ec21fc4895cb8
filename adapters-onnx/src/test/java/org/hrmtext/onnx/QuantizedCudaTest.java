package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.nio.file.Path;
import java.util.Map;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ExportOptions.CacheType;
import org.hrmtext.ports.ExportOptions.Weights;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quantized exports on ONNX Runtime's CUDA execution provider: int8 greedy tokens of golden/hrm
 * equal the oracle's, int4 logits stay near the CPU run of the same file. Needs the {@code cuda}
 * Maven profile and a GPU; skipped otherwise:
 * {@code mvn test -pl adapters-onnx -am -Dcuda -Dexcluded.test.groups= -Dtest=QuantizedCudaTest}.
 */
@Tag("gpu")
class QuantizedCudaTest {
    @TempDir
    Path dir;

    @Test
    void quantizedModelsRunOnCuda() {
        assumeTrue(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "this ONNX Runtime build has no CUDA execution provider (build with -Dcuda)");
        GoldenCase golden = GoldenCase.load("golden/hrm");
        Path int8 = dir.resolve("int8.onnx");
        Path int4 = dir.resolve("int4.onnx");
        new OnnxExporter().export(golden.weights(), int8, QuantizedExportTest.options(Weights.INT8, 32, false,
                CacheType.F16), Map.of());
        new OnnxExporter().export(golden.weights(), int4, QuantizedExportTest.options(Weights.INT4, 32, false,
                CacheType.F32), Map.of());
        BackendOptions cuda = new BackendOptions("cuda", 1);
        try (InferenceModel gpu8 = open(int8, cuda); InferenceModel gpu4 = open(int4, cuda);
                InferenceModel cpu4 = open(int4, BackendOptions.cpu(1))) {
            int n = golden.greedyTokens().length;
            assertArrayEquals(golden.greedyTokens(), Decoding.greedy(gpu8, golden.prompt(), n).tokens());
            double err = Decoding.relativeError(Decoding.greedy(gpu4, golden.prompt(), 1).logits().get(0),
                    Decoding.greedy(cpu4, golden.prompt(), 1).logits().get(0));
            assertTrue(err < 0.05, "int4 on CUDA vs CPU: relative logit error " + err);
        }
    }

    private static InferenceModel open(Path file, BackendOptions options) {
        return new OnnxBackendProvider().openInference(ModelSource.ofFile(file), options);
    }
}
