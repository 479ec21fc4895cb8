package org.hrmtext.app.sft;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.model.SafetensorsWeights;
import org.hrmtext.ports.Checkpoint;
import org.hrmtext.ports.CheckpointStore;
import org.hrmtext.ports.OptimizerState;

/**
 * Fine-tunes a trained model: a new run at step 0 from a checkpoint's weights (or its EMA with
 * {@code --use-ema}, which resets the optimizer since the moments belong to the raw weights),
 * keeping the optimizer state unless asked to reset it, with credit-assignment warmup off by
 * default. A plain model directory (no optimizer state) starts with a fresh optimizer. Settings:
 * {@code --set} over {@code --config} over the bundled SFT defaults ({@code sft.yaml}: steps 200,
 * lr 1e-4, warmup 10 steps, EMA 0.999, credit warmup off), so a config that names only a few keys
 * keeps the SFT defaults for the rest.
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
        Path defaults = bundledDefaults();
        TrainingConfig loaded = TrainingConfigLoader.load(req.config().orElse(defaults), Optional.of(defaults), req.overrides());
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
            return new InitialWeights(SafetensorsWeights.read(weights.layout(), ema), Optional.empty());
        }
        Checkpoint cp = store.load(req.from());
        if (req.useEma()) {
            return new InitialWeights(cp.optimizer().ema(), Optional.empty());
        }
        Optional<OptimizerState> optimizer = req.resetOptimizer() ? Optional.empty() : Optional.of(cp.optimizer());
        return new InitialWeights(cp.weights(), optimizer);
    }

    /**
     * A warning for {@code --use-ema} when the EMA still carries much of the initial weights: after
     * {@code t} steps at decay {@code d} their share is {@code d^t}. Read from the checkpoint's
     * {@code trainer_state.json} (for a model directory, from its {@code checkpoint/}); none when
     * that is unknown or the share is below 10 %.
     */
    public Optional<String> emaWarning(SftRequest req) {
        if (!req.useEma()) {
            return Optional.empty();
        }
        Path state = Files.exists(req.from().resolve(SafetensorsCheckpointStore.TRAINER_STATE))
                ? req.from().resolve(SafetensorsCheckpointStore.TRAINER_STATE)
                : req.from().resolve(TrainUseCase.CHECKPOINT).resolve(SafetensorsCheckpointStore.TRAINER_STATE);
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(state, StandardCharsets.UTF_8));
            long steps = ((Number) m.get("step")).longValue();
            double decay = ((Number) ((Map<?, ?>) m.get("settings")).get("ema")).doubleValue();
            double initialShare = Math.pow(decay, steps);
            if (initialShare < 0.1) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT, "--use-ema: %s was trained %d steps with EMA decay %s, so its EMA "
                    + "is still %.0f %% the initial (untrained) weights; fine-tuning starts near an untrained model "
                    + "(leave out --use-ema to start from the trained weights)", req.from(), steps, decay, 100 * initialShare));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no trainer state to judge by: nothing to warn about
        }
    }

    /** The bundled SFT defaults ({@code sft.yaml}) as a file. */
    private static Path bundledDefaults() {
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
