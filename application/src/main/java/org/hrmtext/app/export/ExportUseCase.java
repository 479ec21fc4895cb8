package org.hrmtext.app.export;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import org.hrmtext.app.AppVersion;
import org.hrmtext.app.text.TokenizerFiles;
import org.hrmtext.app.wiring.BackendRegistry;
import org.hrmtext.inference.HrmTextModel;

/**
 * Exports a model directory with the named backend's exporter, recording where it came from, and
 * copies the model's tokenizer files (if any) beside the exported file, where
 * {@code hrm generate --prompt} looks for them.
 */
public final class ExportUseCase {
    private final BackendRegistry registry;

    @Inject
    public ExportUseCase(BackendRegistry registry) {
        this.registry = registry;
    }

    public void run(Path modelDir, Path out, int opset, String backend) {
        var exporter = registry.select(backend).exporter();
        exporter.export(HrmTextModel.readDirectory(modelDir), out, opset,
                Map.of("source_checkpoint", modelDir.toAbsolutePath().normalize().toString(),
                        "hrm_version", AppVersion.version()));
        TokenizerFiles.copy(modelDir, out.toAbsolutePath().getParent());
    }
}
