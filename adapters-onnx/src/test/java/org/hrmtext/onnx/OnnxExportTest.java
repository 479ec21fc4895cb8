package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.onnx.proto.OnnxProto.ModelProto;
import org.hrmtext.onnx.proto.OnnxProto.StringStringEntryProto;
import org.hrmtext.onnx.proto.OnnxProto.TensorProto;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exported file: valid ONNX, byte-reproducible, with provenance, external data on demand. */
class OnnxExportTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"hrm", "ut", "rins", "trm", "transformer"})
    void passesTheOnnxCheckerWithFullCheck(String arch) {
        assumeTrue(PythonOnnxChecker.available(), "/usr/bin/python3 cannot import onnx (apt-get install python3-onnx)");
        Path file = export("golden/" + arch, dir.resolve(arch + ".onnx"));
        PythonOnnxChecker.Outcome outcome = PythonOnnxChecker.check(file);
        assertEquals(0, outcome.status(), outcome.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hrm", "transformer"})
    void isByteReproducible(String arch) throws IOException {
        Path a = export("golden/" + arch, dir.resolve("a.onnx"));
        Path b = export("golden/" + arch, dir.resolve("b.onnx"));
        assertEquals(-1L, Files.mismatch(a, b));
    }

    @Test
    void carriesConfigProvenanceAndOneCopyOfEachWeight() throws IOException {
        GoldenCase golden = GoldenCase.load("golden/hrm");
        Path file = export("golden/hrm", dir.resolve("m.onnx"));
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(8, model.getIrVersion());
        assertEquals(17, model.getOpsetImport(0).getVersion());
        Map<String, String> meta = model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals(ModelConfigJson.write(golden.config()), meta.get("config"));
        assertEquals("golden/hrm", meta.get("source_checkpoint"));
        assertEquals("hrm-text", meta.get("producer"));
        assertTrue(meta.containsKey("version"));
        List<String> keys = model.getMetadataPropsList().stream().map(StringStringEntryProto::getKey).toList();
        assertEquals(keys.stream().sorted().toList(), keys);
        long weightValues = model.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().startsWith("model.") || t.getName().startsWith("lm_head"))
                .mapToLong(t -> t.getRawData().size() / 4).sum();
        long expected = golden.weights().all().stream().mapToLong(t -> t.data().length).sum();
        assertEquals(expected, weightValues);
    }

    @Test
    void movesWeightsToAnExternalDataFileAboveTheThresholdAndStillRuns() throws IOException {
        GoldenCase golden = GoldenCase.load("golden/hrm");
        Path file = dir.resolve("ext.onnx");
        new OnnxExporter(0).export(golden.weights(), file, 17, Map.of());
        Path data = dir.resolve("ext.onnx.data");
        assertTrue(Files.size(data) > Files.size(file));
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        assertTrue(model.getGraph().getInitializerList().stream()
                .anyMatch(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL));
        if (PythonOnnxChecker.available()) {
            PythonOnnxChecker.Outcome outcome = PythonOnnxChecker.check(file);
            assertEquals(0, outcome.status(), outcome.output());
        }
        ModelSource source = new ModelSource(Optional.of(golden.weights()), Optional.of(file));
        try (InferenceModel m = new OnnxBackendProvider().openInference(source, BackendOptions.cpu(1))) {
            int[] tokens = Decoding.greedy(m, golden.prompt(), golden.greedyTokens().length).tokens();
            assertArrayEquals(golden.greedyTokens(), tokens);
        }
        new OnnxExporter().export(golden.weights(), file, 17, Map.of());
        assertFalse(Files.exists(data), "an inline re-export removes the stale data file");
    }

    @Test
    void refusesAnUnsupportedOpsetWithoutWritingAFile() {
        GoldenCase golden = GoldenCase.load("golden/ut");
        Path file = dir.resolve("x.onnx");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new OnnxExporter().export(golden.weights(), file, 18, Map.of()));
        assertTrue(e.getMessage().contains("opset 18"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void leavesNoPartialFileWhenTheTargetCannotBeWritten() throws IOException {
        GoldenCase golden = GoldenCase.load("golden/ut");
        Path blocked = dir.resolve("file-not-folder");
        Files.writeString(blocked, "x");
        Path file = blocked.resolve("m.onnx");
        assertThrows(InvalidInputException.class, () -> new OnnxExporter().export(golden.weights(), file, 17, Map.of()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(blocked), files.toList());
        }
    }

    private static Path export(String folder, Path file) {
        new OnnxExporter().export(GoldenCase.load(folder).weights(), file, 17, Map.of("source_checkpoint", folder));
        return file;
    }
}
