package org.hrmtext.app.export;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hrmtext.app.AppVersion;
import org.hrmtext.app.export.RandomModels;
import org.hrmtext.app.io.OutputPaths;
import org.hrmtext.app.checkpoint.SourceModel;
import org.hrmtext.app.text.TokenizerFiles;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.ports.ExportOptions;
import org.hrmtext.ports.ModelExporter;

/**
 * Exports a model directory with the named backend's exporter, recording where it came from
 * ({@link SourceModel}: its name and digest, never its path), and
 * copies the model's tokenizer files (if any) beside the exported file, where
 * {@code hrm generate --prompt} looks for them. An exported file given in place of the directory
 * is refused (an already quantized one is named as such), and random weights of a preset can be
 * exported for benchmarks.
 */
public final class ExportUseCase {
    private final BackendRegistry registry;

    @Inject
    public ExportUseCase(BackendRegistry registry) {
        this.registry = registry;
    }

    /** Exports float32 weights and caches at {@code opset}. */
    public void run(Path modelDir, Path out, int opset, String backend) {
        run(modelDir, out, ExportOptions.f32(opset), backend);
    }

    public void run(Path modelDir, Path out, ExportOptions options, String backend) {
        ModelExporter exporter = registry.select(backend).exporter();
        requireReplaceable(out, exporter);
        if (Files.isRegularFile(modelDir)) {
            throw notADirectory(modelDir, exporter.metadataOf(modelDir));
        }
        TokenizerFiles.requireCopyable(modelDir, out.toAbsolutePath().getParent(), "--out");
        exporter.export(HrmTextModel.readDirectory(modelDir), out, options, SourceModel.of(modelDir).metadata());
        TokenizerFiles.copy(modelDir, out.toAbsolutePath().getParent());
    }

    /** Exports random weights of {@code preset} (see {@link RandomModels}). */
    public void runRandom(String preset, long seed, Path out, ExportOptions options, String backend) {
        ModelExporter exporter = registry.select(backend).exporter();
        requireReplaceable(out, exporter);
        exporter.export(RandomModels.weights(preset, seed), out, options,
                Map.of("source_checkpoint", "random " + preset + " weights, seed " + seed,
                        "hrm_version", AppVersion.version()));
    }

    /** {@code out} is new, or an earlier export (its metadata names the hrm version). */
    private static void requireReplaceable(Path out, ModelExporter exporter) {
        OutputPaths.requireOwnFile(out, "--out", "a model export", p -> exporter.metadataOf(p).containsKey("hrm_version"));
    }

    private static InvalidInputException notADirectory(Path file, Map<String, String> metadata) {
        String weights = metadata.get(ExportOptions.WEIGHTS_KEY);
        if (weights != null && !weights.equals(ExportOptions.Weights.F32.label())) {
            return new InvalidInputException(file + ": already quantized (weights " + weights + " in its metadata); "
                    + "--weights quantizes float32 weights: export from the model directory it came from "
                    + "(config.json + model.safetensors)");
        }
        return new InvalidInputException(file + ": is a file; --model expects a model directory "
                + "(config.json + model.safetensors)");
    }
}
