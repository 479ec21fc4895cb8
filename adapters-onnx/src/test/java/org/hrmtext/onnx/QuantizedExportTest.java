package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.onnx.proto.OnnxProto.GraphProto;
import org.hrmtext.onnx.proto.OnnxProto.ModelProto;
import org.hrmtext.onnx.proto.OnnxProto.NodeProto;
import org.hrmtext.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.hrmtext.onnx.proto.OnnxProto.StringStringEntryProto;
import org.hrmtext.onnx.proto.OnnxProto.TensorProto;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ExportOptions.CacheType;
import org.hrmtext.ports.ExportOptions.Weights;
import org.hrmtext.ports.ExportOptions;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Block-quantized (MatMulNBits) and float16-cache exports run in ONNX Runtime against the float32
 * export of the golden models: int8 greedy tokens equal, int4 and f16-cache logits close, the
 * packing read back within half a step, bytes reproducible, bad block sizes refused before a file
 * exists.
 */
class QuantizedExportTest {
    /** Float32 logit margin under which two tokens count as tied (golden/rins's first step: 0.005). */
    private static final double TIE = 0.01;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"golden/hrm", "golden/ut", "golden/rins", "golden/trm", "golden/transformer",
        "reference/hrm-h3l2"})
    void int8GreedyTokensEqualFloat32(String folder) {
        GoldenCase golden = GoldenCase.load(folder);
        int n = golden.greedyTokens().length;
        try (InferenceModel f32 = open(golden, ExportOptions.f32(17), "f32.onnx");
                InferenceModel int8 = open(golden, options(Weights.INT8, 32, true, CacheType.F32), "int8.onnx")) {
            Decoding.Greedy want = Decoding.greedy(f32, golden.prompt(), n);
            assertArrayEquals(golden.greedyTokens(), want.tokens(), folder + " f32");
            int[] got = Decoding.greedy(int8, golden.prompt(), n).tokens();
            int step = Arrays.mismatch(want.tokens(), got);
            if (step >= 0) {
                // Only a tie may go either way: the float32 logits of the two tokens within 0.01.
                float[] logits = want.logits().get(step);
                double gap = logits[want.tokens()[step]] - logits[got[step]];
                assertTrue(gap < TIE, folder + " int8 greedy token " + step + " is " + got[step] + ", float32 chose "
                        + want.tokens()[step] + " by a logit margin of " + gap);
            }
        }
    }

    @Test
    void int8GreedyTokensEqualFloat32ExactlyWhereNoStepIsATie() {
        for (String folder : new String[] {"golden/hrm", "golden/ut", "golden/trm", "golden/transformer",
            "reference/hrm-h3l2"}) {
            GoldenCase golden = GoldenCase.load(folder);
            try (InferenceModel int8 = open(golden, options(Weights.INT8, 32, true, CacheType.F32), "int8.onnx")) {
                assertArrayEquals(golden.greedyTokens(), Decoding.greedy(int8, golden.prompt(),
                        golden.greedyTokens().length).tokens(), folder);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"golden/hrm", "golden/transformer"})
    void int4AndHalfCacheLogitsStayCloseToFloat32(String folder) {
        GoldenCase golden = GoldenCase.load(folder);
        try (InferenceModel f32 = open(golden, ExportOptions.f32(17), "f32.onnx");
                InferenceModel int4 = open(golden, options(Weights.INT4, 32, false, CacheType.F32), "int4.onnx");
                InferenceModel half = open(golden, options(Weights.F32, 32, false, CacheType.F16), "f16.onnx")) {
            Decoding.Greedy want = Decoding.greedy(f32, golden.prompt(), 8);
            Decoding.Greedy q = Decoding.greedy(int4, golden.prompt(), 8);
            Decoding.Greedy h = Decoding.greedy(half, golden.prompt(), 8);
            assertArrayEquals(want.tokens(), h.tokens(), folder + " f16 cache");
            double int4Err = Decoding.relativeError(q.logits().get(0), want.logits().get(0));
            double halfErr = Decoding.relativeError(h.logits().get(7), want.logits().get(7));
            assertTrue(int4Err < 0.35, folder + " int4 relative logit error " + int4Err);
            assertTrue(int4Err > 1e-4, folder + " int4 must differ from f32 (is it really quantized?) " + int4Err);
            assertTrue(halfErr < 1e-2, folder + " f16 cache relative logit error " + halfErr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"int8", "int4"})
    void aPlainOrtClientDecodesTheSameTokensFromTheFile(String weights) throws Exception {
        GoldenCase golden = GoldenCase.load("golden/hrm");
        Path file = dir.resolve(weights + ".onnx");
        new OnnxExporter().export(golden.weights(), file,
                options(Weights.parse("--weights", weights), 32, false, CacheType.F16), Map.of());
        int n = golden.greedyTokens().length;
        int[] plain = PlainOrtClient.greedy(file.toString(), Decoding.longs(golden.prompt()), n);
        try (InferenceModel ours = new OnnxBackendProvider().openInference(ModelSource.ofFile(file),
                BackendOptions.cpu(1))) {
            assertArrayEquals(Decoding.greedy(ours, golden.prompt(), n).tokens(), plain);
        }
        if (weights.equals("int8")) {
            assertArrayEquals(golden.greedyTokens(), plain, "int8 greedy tokens equal the float32 oracle's");
        }
    }

    @Test
    void projectionsRunAsMatMulNBitsAndTheSchemeIsInTheMetadata() throws IOException {
        GoldenCase golden = GoldenCase.load("golden/hrm");
        Path file = dir.resolve("m.onnx");
        new OnnxExporter().export(golden.weights(), file, options(Weights.INT4, 64, false, CacheType.F16), Map.of());
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        List<NodeProto> nbits = model.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("MatMulNBits")).toList();
        assertFalse(nbits.isEmpty());
        assertTrue(nbits.stream().allMatch(n -> n.getDomain().equals("com.microsoft")));
        assertTrue(model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("MatMul"))
                .anyMatch(n -> n.getInput(1).equals("lm_head.weight.T")), "lm_head stays float32 by default");
        assertTrue(model.getOpsetImportList().stream().anyMatch(o -> o.getDomain().equals("com.microsoft")));
        Map<String, String> meta = model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals("int4", meta.get("weights"));
        assertEquals("64", meta.get("weights_block_size"));
        assertEquals("f32", meta.get("weights_lm_head"));
        assertEquals("f16", meta.get("kv_cache"));
        assertTrue(meta.get("weights_scheme").contains("MatMulNBits bits=4 block_size=64"));
    }

    @Test
    void quantizedExportIsByteReproducible() throws IOException {
        GoldenCase golden = GoldenCase.load("golden/hrm");
        ExportOptions o = options(Weights.INT4, 32, true, CacheType.F16);
        new OnnxExporter().export(golden.weights(), dir.resolve("a.onnx"), o, Map.of());
        new OnnxExporter().export(golden.weights(), dir.resolve("b.onnx"), o, Map.of());
        assertEquals(-1L, Files.mismatch(dir.resolve("a.onnx"), dir.resolve("b.onnx")));
    }

    @Test
    void aBlockSizeThatDoesNotDivideADimensionIsRefusedBeforeAnyFileIsWritten() throws IOException {
        GoldenCase golden = GoldenCase.load("golden/hrm");
        Path file = dir.resolve("m.onnx");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new OnnxExporter()
                .export(golden.weights(), file, options(Weights.INT8, 128, false, CacheType.F32), Map.of()));
        assertTrue(e.getMessage().contains("--block-size 128 does not divide its input dimension 64"), e.getMessage());
        assertTrue(e.getMessage().contains("tensor "), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void packedWeightsReadBackWithinHalfAStepInTheOperatorsNibbleOrder() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 5;
        int k = 64;
        float[] w = new float[n * k];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        w[3] = 0f;
        for (int bits : new int[] {4, 8}) {
            BlockQuantizer.Quantized q = BlockQuantizer.quantize(new HostTensor("w", new int[] {n, k}, w), bits, 32);
            assertEquals(n * 2 * 32 * bits / 8, q.packed().length);
            float[] back = dequantize(q);
            for (int i = 0; i < w.length; i++) {
                float scale = q.scales()[(i / k) * 2 + (i % k) / 32];
                assertTrue(Math.abs(back[i] - w[i]) <= scale / 2 + 1e-6, bits + " bits, weight " + i);
            }
            assertEquals(0f, back[3], "zero stays exact");
        }
    }

    @Test
    void aWeightThatIsNotFiniteIsRefusedNamingTheTensor() {
        float[] w = new float[64];
        w[40] = Float.NaN;
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BlockQuantizer.quantize(new HostTensor("layer.w", new int[] {1, 64}, w), 4, 32));
        assertTrue(e.getMessage().contains("tensor layer.w row 0 column 40"), e.getMessage());
    }

    @Test
    void aRuntimeWithoutTheOperatorsKernelIsNamedInTheError() throws IOException {
        // ONNX Runtime's CPU provider has no bfloat16 MatMulNBits kernel: the same failure as a build without it.
        int bf16 = 16;
        TensorProto b = OnnxTensors.uint8s("B", new long[] {4, 1, 16}, new byte[64]);
        TensorProto scales = TensorProto.newBuilder().setName("scales").setDataType(bf16).addDims(4).addDims(1)
                .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[8])).build();
        GraphProto graph = GraphProto.newBuilder().setName("g").addInitializer(b).addInitializer(scales)
                .addInput(OnnxTensors.valueInfo(new OnnxSignature.Port("A", bf16, List.of(1L, 32L))))
                .addOutput(OnnxTensors.valueInfo(new OnnxSignature.Port("Y", bf16, List.of(1L, 4L))))
                .addNode(NodeProto.newBuilder().setName("n").setOpType("MatMulNBits").setDomain("com.microsoft")
                        .addAllInput(List.of("A", "B", "scales")).addOutput("Y")
                        .addAttribute(OnnxGraph.attr("K", 32)).addAttribute(OnnxGraph.attr("N", 4))
                        .addAttribute(OnnxGraph.attr("bits", 4)).addAttribute(OnnxGraph.attr("block_size", 32)))
                .build();
        Path file = dir.resolve("bf16.onnx");
        Files.write(file, ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1))
                .build().toByteArray());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OrtSessions.open(file.toString(), BackendOptions.cpu(1)));
        assertTrue(e.getMessage().contains("cannot run operator com.microsoft.MatMulNBits on device cpu"), e.getMessage());
    }

    /** The operator's reading of the packed layout: {@code (q − zp) · scale}, even index in the low nibble. */
    private static float[] dequantize(BlockQuantizer.Quantized q) {
        float[] out = new float[q.n() * q.k()];
        for (int row = 0; row < q.n(); row++) {
            for (int b = 0; b < q.blocks(); b++) {
                float scale = q.scales()[row * q.blocks() + b];
                int zp = unpack(q.zeroPoints(), row * q.zeroPointColumns(), b, q.bits());
                for (int i = 0; i < q.blockSize(); i++) {
                    int v = unpack(q.packed(), (row * q.blocks() + b) * q.blobSize(), i, q.bits());
                    out[row * q.k() + b * q.blockSize() + i] = (v - zp) * scale;
                }
            }
        }
        return out;
    }

    private static int unpack(byte[] bytes, int base, int i, int bits) {
        int b = bytes[base + (bits == 8 ? i : i / 2)] & 0xFF;
        return bits == 8 ? b : (i % 2 == 0 ? b & 0x0F : b >>> 4);
    }

    static ExportOptions options(Weights weights, int block, boolean lmHead, CacheType cache) {
        return new ExportOptions(17, weights, block, lmHead, cache);
    }

    private InferenceModel open(GoldenCase golden, ExportOptions options, String name) {
        Path file = dir.resolve(golden.config().architecture().configName() + "-" + Arrays.hashCode(golden.prompt())
                + "-" + name);
        new OnnxExporter().export(golden.weights(), file, options, Map.of());
        return new OnnxBackendProvider().openInference(ModelSource.ofFile(file), BackendOptions.cpu(1));
    }
}
