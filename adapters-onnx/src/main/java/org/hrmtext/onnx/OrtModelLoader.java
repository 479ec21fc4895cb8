package org.hrmtext.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.formats.json.Json;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ModelSource;

/**
 * Opens a {@link ModelSource} in ONNX Runtime: its exported file when it has one (checked against
 * the inputs and outputs the config needs; the config comes from the weights, or from the file's
 * {@code config} metadata when the source has no weights), otherwise the weights exported first
 * to a temporary file ({@code hrm-onnx-*}/model.onnx under {@code java.io.tmpdir}) that lives as
 * long as the model: removed when it closes or, if it is never closed, when the JVM exits.
 */
final class OrtModelLoader {
    private OrtModelLoader() {
    }

    static OrtInferenceModel open(ModelSource source, BackendOptions options) {
        if (source.exportedFile().isPresent()) {
            Path file = source.exportedFile().get();
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file + ": file not found");
            }
            return open(file, source, options, () -> { });
        }
        Path dir = createTempDir();
        try {
            Path file = dir.resolve("model.onnx");
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            new OnnxExporter().export(source.requireWeights("onnx"), file, OnnxExporter.DEFAULT_OPSET,
                    Map.of("source_checkpoint", "in-memory weights"));
            return open(file, source, options, () -> delete(dir));
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private static OrtInferenceModel open(Path file, ModelSource source, BackendOptions options, Runnable cleanup) {
        OrtSession session = OrtSessions.open(file.toString(), options);
        try {
            ModelConfig config = source.weights().isPresent() ? source.weights().get().layout().config()
                    : configOf(session, file);
            OnnxSignature signature = new OnnxSignature(config, OrtSignatureCheck.cacheType(session));
            OrtSignatureCheck.check(session, signature, file.toString());
            return new OrtInferenceModel(config, session, signature, cleanup);
        } catch (RuntimeException e) {
            try {
                session.close();
            } catch (OrtException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static ModelConfig configOf(OrtSession session, Path file) {
        try {
            String text = session.getMetadata().getCustomMetadata().get("config");
            if (text == null) {
                throw new InvalidInputException(file + ": no \"config\" metadata; export the model with "
                        + "hrm export-onnx, or load it together with its model directory");
            }
            return ModelConfigJson.fromMap(file + " metadata config", Json.parseObject(text));
        } catch (OrtException e) {
            throw new InvalidInputException(file + ": cannot read the model's metadata: " + e.getMessage(), e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("hrm-onnx-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the ONNX export", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary ONNX export " + dir, e);
        }
    }
}
