package org.hrmtext.app.sft;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.app.checkpoint.ModelDirectory;
import org.hrmtext.app.checkpoint.SafetensorsCheckpointStore;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.config.TrainingConfigLoader;
import org.hrmtext.app.train.InitialWeights;
import org.hrmtext.app.train.TrainRequest;
import org.hrmtext.app.train.TrainUseCase;
import org.hrmtext.app.train.TrainingSummary;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.ports.Checkpoint;
import org.hrmtext.ports.CheckpointStore;
import org.hrmtext.ports.OptimizerState;

/**
 * Fine-tunes a trained model: a new run at step 0 from a checkpoint's weights (or its EMA with
 * {@code --use-ema}, which resets the optimizer since the moments belong to the raw weights),
 * keeping the optimizer state unless asked to reset it, with credit-assignment warmup off by
 * default. A plain model directory (no optimizer state) starts with a fresh optimizer.
 */
public final class SftUseCase {
    private final TrainUseCase train;
    private final CheckpointStore store;

    @Inject
    public SftUseCase(TrainUseCase train, CheckpointStore store) {
        this.train = train;
        this.store = store;
    }

    public TrainingSummary run(SftRequest req) {
        InitialWeights init = initial(req);
        TrainingConfig loaded = TrainingConfigLoader.load(configFile(req), req.overrides());
        TrainingConfig config = new TrainingConfig(init.weights().layout().config(), loaded.train(), loaded.optimizer(),
                loaded.backend());
        return train.run(new TrainRequest(config, req.data(), req.out(), Optional.empty(), req.tokenizer(),
                Optional.of(init), req.overwrite()));
    }

    private InitialWeights initial(SftRequest req) {
        boolean checkpoint = Files.exists(req.from().resolve("optimizer.safetensors"));
        if (!checkpoint) {
            ModelWeights weights = ModelDirectory.read(req.from());
            if (!req.useEma()) {
                return new InitialWeights(weights, Optional.empty());
            }
            Path ema = req.from().resolve(SafetensorsCheckpointStore.EMA);
            if (!Files.exists(ema)) {
                throw new InvalidInputException("--use-ema: " + req.from() + " has no " + SafetensorsCheckpointStore.EMA
                        + " (pass a checkpoint directory, e.g. RUN/checkpoint, or a model directory that hrm train wrote)");
            }
            return new InitialWeights(ModelWeights.read(weights.layout(), ema), Optional.empty());
        }
        Checkpoint cp = store.load(req.from());
        if (req.useEma()) {
            return new InitialWeights(cp.optimizer().ema(), Optional.empty());
        }
        Optional<OptimizerState> optimizer = req.resetOptimizer() ? Optional.empty() : Optional.of(cp.optimizer());
        return new InitialWeights(cp.weights(), optimizer);
    }

    private static Path configFile(SftRequest req) {
        if (req.config().isPresent()) {
            return req.config().get();
        }
        try (InputStream in = SftUseCase.class.getResourceAsStream("sft.yaml")) {
            Path tmp = Files.createTempFile("hrm-sft-", ".yaml");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
