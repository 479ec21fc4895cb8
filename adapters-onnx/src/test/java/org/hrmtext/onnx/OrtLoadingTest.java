package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.onnx.proto.OnnxProto.GraphProto;
import org.hrmtext.onnx.proto.OnnxProto.ModelProto;
import org.hrmtext.onnx.proto.OnnxProto.NodeProto;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;
import org.hrmtext.ports.TrainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening models: from an exported file, with clear errors for files and devices that do not fit. */
class OrtLoadingTest {
    @TempDir
    Path dir;

    private final BackendProvider provider = new OnnxBackendProvider();

    @Test
    void runsAnExportedFileOnItsOwnWithTheConfigFromItsMetadata() {
        GoldenCase golden = GoldenCase.load("golden/trm");
        Path file = dir.resolve("trm.onnx");
        provider.exporter().export(golden.weights(), file, 17, Map.of());
        try (InferenceModel model = provider.openInference(ModelSource.ofFile(file), BackendOptions.cpu(1))) {
            assertEquals(golden.config(), model.config());
            assertArrayEquals(golden.greedyTokens(),
                    Decoding.greedy(model, golden.prompt(), golden.greedyTokens().length).tokens());
        }
    }

    @Test
    void namesTheMismatchedInputOfAFileExportedForAnotherConfig() {
        Path file = dir.resolve("hrm.onnx");
        provider.exporter().export(GoldenCase.load("golden/hrm").weights(), file, 17, Map.of());
        ModelWeights other = GoldenCase.load("reference/hrm-h3l2").weights();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider.openInference(
                new ModelSource(Optional.of(other), Optional.of(file)), BackendOptions.cpu(1)));
        assertTrue(e.getMessage().contains(file + ": input past_key.0.0 is float32 [batch, 4, past_len, 16]"
                + " but this model's config expects float32 [batch, 6, past_len, 16]"), e.getMessage());
    }

    @Test
    void namesAnUnexpectedInputWhenTheRecurrenceDiffers() {
        Path file = dir.resolve("hrm.onnx");
        provider.exporter().export(GoldenCase.load("golden/hrm").weights(), file, 17, Map.of());
        ModelWeights fewerCalls = GoldenCase.load("golden/ut").weights();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider.openInference(
                new ModelSource(Optional.of(fewerCalls), Optional.of(file)), BackendOptions.cpu(1)));
        assertTrue(e.getMessage().contains("unexpected input past_key.4.0"), e.getMessage());
    }

    @Test
    void namesAMissingInput() {
        Path file = dir.resolve("ut.onnx");
        provider.exporter().export(GoldenCase.load("golden/ut").weights(), file, 17, Map.of());
        ModelWeights moreCalls = GoldenCase.load("golden/hrm").weights();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider.openInference(
                new ModelSource(Optional.of(moreCalls), Optional.of(file)), BackendOptions.cpu(1)));
        assertTrue(e.getMessage().contains("ut.onnx: input past_key.4.0 is missing (expected float32 [batch, 4, past_len, 16])"), e.getMessage());
    }

    @Test
    void asksToReExportAFileOfTheEarlierCacheContract() throws IOException {
        Path file = dir.resolve("earlier.onnx");
        provider.exporter().export(GoldenCase.load("golden/ut").weights(), file, 17, Map.of());
        // the earlier contract's first present output in place of the first new_* output
        ModelProto.Builder model = ModelProto.parseFrom(Files.readAllBytes(file)).toBuilder();
        String fresh = OnnxSignature.newKey(0, 0);
        GraphProto.Builder graph = model.getGraphBuilder();
        for (int i = 0; i < graph.getOutputCount(); i++) {
            if (graph.getOutput(i).getName().equals(fresh)) {
                graph.getOutputBuilder(i).setName(OrtSignatureCheck.EARLIER_CONTRACT_OUTPUT);
            }
        }
        for (NodeProto.Builder node : graph.getNodeBuilderList()) {
            for (int i = 0; i < node.getOutputCount(); i++) {
                if (node.getOutput(i).equals(fresh)) {
                    node.setOutput(i, OrtSignatureCheck.EARLIER_CONTRACT_OUTPUT);
                }
            }
            for (int i = 0; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(fresh)) {
                    node.setInput(i, OrtSignatureCheck.EARLIER_CONTRACT_OUTPUT);
                }
            }
        }
        Files.write(file, model.build().toByteArray());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> provider.openInference(ModelSource.ofFile(file), BackendOptions.cpu(1)));
        assertTrue(e.getMessage().startsWith(file + ": output present_key.0.0 belongs to the earlier cache contract"),
                e.getMessage());
        assertTrue(e.getMessage().contains("re-export"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotOnnx() throws IOException {
        Path file = dir.resolve("junk.onnx");
        Files.writeString(file, "not a model");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> provider.openInference(ModelSource.ofFile(file), BackendOptions.cpu(1)));
        assertTrue(e.getMessage().startsWith(file + ": ONNX Runtime cannot load the model"), e.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> provider.openInference(ModelSource.ofFile(dir.resolve("none.onnx")), BackendOptions.cpu(1)));
        assertTrue(missing.getMessage().endsWith("none.onnx: file not found"), missing.getMessage());
    }

    @Test
    void namesTheMissingCudaProvider() {
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "this build has CUDA");
        ModelSource source = ModelSource.of(GoldenCase.load("golden/ut").weights());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> provider.openInference(source, new BackendOptions("cuda", 1)));
        assertTrue(e.getMessage().contains("CUDAExecutionProvider"), e.getMessage());
        assertTrue(e.getMessage().contains("-Pcuda"), e.getMessage());
    }

    @Test
    void isFoundByServiceLoaderAndCannotTrain() {
        BackendProvider found = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("onnx")).findFirst().orElseThrow();
        assertEquals(EnumSet.of(BackendCapability.GENERATE, BackendCapability.EXPORT), found.capabilities());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> found.openTrainer(
                TrainerSpec.fresh(GoldenCase.load("golden/ut").weights(), null), BackendOptions.cpu(1)));
        assertTrue(e.getMessage().startsWith("backend onnx cannot train"), e.getMessage());
        assertTrue(found.matmulGflops(64, BackendOptions.cpu(1)) > 0);
    }
}
