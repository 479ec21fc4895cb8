package org.hrmtext.app.serve;

import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hrmtext.app.batch.ModelPaths;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.formats.model.ModelDirectoryReader;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.inference.batching.BatchingSettings;
import org.hrmtext.inference.batching.ContinuousBatcher;
import org.hrmtext.inference.tokenizer.ByteLevelTokenizer;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;
import org.hrmtext.ports.Tokenizer;
import org.hrmtext.server.HrmServer;
import org.hrmtext.server.ServerMetrics;
import org.hrmtext.server.ServerSettings;
import org.hrmtext.server.TokenizerTextCodec;

/**
 * Loads what {@link ServeOptions} names — model on the selected backend, its saved tokenizer,
 * the bearer key from the environment — and starts {@link HrmServer} over a
 * {@link ContinuousBatcher}. The returned {@link Running} owns all of it.
 */
public final class ServerLauncher {
    private final BackendRegistry registry;
    private final TokenizerCatalog tokenizers;

    @Inject
    public ServerLauncher(BackendRegistry registry, TokenizerCatalog tokenizers) {
        this.registry = registry;
        this.tokenizers = tokenizers;
    }

    /** A started server and everything it holds; closing drains it and frees the model. */
    public static final class Running implements AutoCloseable {
        private final HrmServer server;
        private final ContinuousBatcher batcher;
        private final InferenceModel model;
        private final Tokenizer tokenizer;

        Running(HrmServer server, ContinuousBatcher batcher, InferenceModel model, Tokenizer tokenizer) {
            this.server = server;
            this.batcher = batcher;
            this.model = model;
            this.tokenizer = tokenizer;
        }

        public String url() {
            return server.url();
        }

        /** Drains (within the grace period) and frees everything; returns whether all requests finished. */
        public boolean shutdown() {
            boolean drained = server.shutdown();
            batcher.close();
            model.close();
            tokenizer.close();
            return drained;
        }

        @Override
        public void close() {
            shutdown();
        }
    }

    public Running launch(ServeOptions o, PrintStream log) {
        Optional<String> key = o.apiKeyEnv().map(ServerLauncher::key);
        Tokenizer tokenizer = tokenizer(o);
        InferenceModel model = null;
        ContinuousBatcher batcher = null;
        try {
            model = registry.select(backend(o)).openInference(source(o), new BackendOptions(o.device(), o.threads()));
            ModelConfig config = model.config();
            if (tokenizer.vocabularySize() > config.vocabSize()) {
                throw new InvalidInputException("the tokenizer has " + tokenizer.vocabularySize() + " ids but the model's "
                        + "vocab_size is " + config.vocabSize());
            }
            int context = o.maxContext() > 0 ? Math.min(o.maxContext(), config.maxPositionEmbeddings())
                    : config.maxPositionEmbeddings();
            ServerMetrics metrics = new ServerMetrics();
            batcher = new ContinuousBatcher(model, new BatchingSettings(o.maxBatch(), o.maxQueue(),
                    o.cacheBudgetMb() * 1024 * 1024, context), metrics);
            ServerSettings settings = new ServerSettings(o.host(), o.port(), modelId(o), key, o.maxBodyKb() * 1024,
                    o.defaultMaxTokens(), Duration.ofSeconds(o.requestTimeoutSeconds()), Duration.ofSeconds(o.graceSeconds()));
            HrmServer server = HrmServer.start(batcher, new TokenizerTextCodec(tokenizer), settings, metrics, log);
            return new Running(server, batcher, model, tokenizer);
        } catch (RuntimeException e) {
            if (batcher != null) {
                batcher.close();
            }
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    private static String key(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("--api-key-env " + variable + ": the environment variable is not set or empty");
        }
        return value;
    }

    private Tokenizer tokenizer(ServeOptions o) {
        if (o.model().isEmpty()) {
            return new ByteLevelTokenizer(SpecialTokens.byteLevel());
        }
        Path home = ModelPaths.tokenizerHome(o.model().get());
        return tokenizers.openSaved(home).orElseThrow(() -> new InvalidInputException(home + ": no tokenizer ("
                + TokenizerInfo.FILE + " and/or " + TokenizerCatalog.TOKENIZER_JSON + "); hrm serve answers text and needs one"));
    }

    private static String backend(ServeOptions o) {
        return o.model().map(m -> ModelPaths.backend(m, o.backend())).orElse(o.backend() == null ? "onnx" : o.backend());
    }

    private static ModelSource source(ServeOptions o) {
        if (o.model().isPresent()) {
            Path m = o.model().get();
            return Files.isDirectory(m) ? ModelSource.of(ModelDirectoryReader.read(m)) : ModelSource.ofFile(m);
        }
        String preset = o.preset().orElseThrow(() -> new InvalidInputException("expected --model DIR|FILE.onnx or --preset NAME"));
        return ModelSource.of(WeightInitializer.initialize(ParameterLayout.of(ModelPresets.named(preset)), 0));
    }

    private static String modelId(ServeOptions o) {
        if (o.model().isEmpty()) {
            return "hrm-" + o.preset().orElseThrow() + "-random";
        }
        Path m = o.model().get().toAbsolutePath().normalize();
        String name = m.getFileName().toString();
        return Files.isDirectory(m) ? name : name.replaceFirst("\\.onnx$", "");
    }
}
