package org.hrmtext.tests.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.app.checkpoint.ModelDirectory;
import org.hrmtext.app.checkpoint.Provenance;
import org.hrmtext.app.serve.ServeOptions;
import org.hrmtext.app.serve.ServerLauncher;
import org.hrmtext.app.text.TokenizerFiles;
import org.hrmtext.cli.wiring.Composition;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.inference.tokenizer.ByteLevelTokenizer;
import org.hrmtext.cli.Hrm;

/**
 * The model the server tests serve: the {@code tiny} preset's random weights (seed 0) in a model
 * directory with the byte tokenizer's files, exported once per test JVM to {@code model.onnx}
 * beside them, and a way to start {@code hrm serve}'s launcher on a free loopback port.
 */
final class ServedModel {
    private static Path dir;

    private ServedModel() {
    }

    /** The model directory (made on first use). */
    static synchronized Path directory() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("hrm-served-model");
                ModelDirectory.write(d, WeightInitializer.initialize(ParameterLayout.of(ModelPresets.named("tiny")), 0),
                        new Provenance("random", 0, 0));
                TokenizerFiles.save(new ByteLevelTokenizer(SpecialTokens.byteLevel()), d);
                Hrm.run("export-onnx", "--model", d.toString(), "--out", d.resolve("model.onnx").toString()).succeeded();
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static Path onnx() {
        return directory().resolve("model.onnx");
    }

    /** Starts the server on the ONNX file: port 0, 127.0.0.1, the given batch and queue. */
    static ServerLauncher.Running start(int maxBatch, int maxQueue) {
        return Composition.injector().getInstance(ServerLauncher.class).launch(new ServeOptions(Optional.of(onnx()),
                Optional.empty(), null, "cpu", 1, "127.0.0.1", 0, maxBatch, maxQueue, 256, Optional.empty(), 256, 60, 5, 64,
                16), System.out);
    }
}
