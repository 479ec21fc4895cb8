package org.hrmtext.app.train;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.app.checkpoint.ModelDirectory;
import org.hrmtext.app.checkpoint.Provenance;
import org.hrmtext.app.checkpoint.SafetensorsCheckpointStore;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.text.TokenizerFiles;
import org.hrmtext.app.wiring.BackendRegistry;
import org.hrmtext.domain.data.SamplePacker;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.CheckpointStore;
import org.hrmtext.ports.MetricsSink;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * {@code hrm train}: loads the samples ({@link TrainingDataLoader}), starts fresh or from a
 * checkpoint, opens the configured backend's trainer and runs the {@link TrainingLoop}. The output
 * directory receives {@code metrics.jsonl}, the latest checkpoint in {@code checkpoint/}, and the
 * final model ({@code config.json}, {@code model.safetensors}, {@code model_ema.safetensors}, and
 * for text data the tokenizer files).
 *
 * <pre>{@code
 * TrainingSummary s = useCase.run(new TrainRequest(config, data, out, Optional.empty()));
 * }</pre>
 */
public final class TrainUseCase {
    /** The checkpoint directory inside the output directory. */
    public static final String CHECKPOINT = "checkpoint";
    public static final String METRICS = "metrics.jsonl";

    private final BackendRegistry backends;
    private final CheckpointStore store;
    private final TrainingDataLoader loader;

    @Inject
    public TrainUseCase(BackendRegistry backends, CheckpointStore store, TrainingDataLoader loader) {
        this.backends = backends;
        this.store = store;
        this.loader = loader;
    }

    public TrainingSummary run(TrainRequest request) {
        TrainingConfig config = request.config();
        try (TrainingData data = loader.load(request.data(), request.tokenizer(), config)) {
            BackendProvider provider = backends.select(config.backend().train(), BackendCapability.TRAIN);
            RunStart start = request.resume().map(dir -> RunStart.resume(dir, store.load(dir), config))
                    .or(() -> request.initial().map(init -> RunStart.from(init, config)))
                    .orElseGet(() -> RunStart.fresh(config));
            BatchStream batches = new BatchStream(data.samples(), new SamplePacker(config.train().rows(),
                    config.train().seqLen()), data.orderOfEpoch(), start.epoch(), start.batchInEpoch(), request.data().toString());
            createDirectories(request.out());
            TrainingSummary summary = train(request, provider, start, batches);
            data.tokenizerDir().ifPresent(dir -> TokenizerFiles.copy(dir, request.out()));
            return summary;
        }
    }

    private TrainingSummary train(TrainRequest request, BackendProvider provider, RunStart start, BatchStream data) {
        TrainingConfig config = request.config();
        Path checkpoint = request.out().resolve(CHECKPOINT);
        TrainerSpec spec = new TrainerSpec(start.weights(), config.optimizer().adamAtan2(), start.optimizer());
        try (Trainer trainer = provider.openTrainer(spec, config.backend().options());
                MetricsSink metrics = new JsonlMetricsSink(request.out().resolve(METRICS), request.resume().isPresent())) {
            TrainingLoop.Outcome end = new TrainingLoop(config, trainer, store, checkpoint, metrics).run(start, data);
            long step = end.step();
            double loss = end.loss();
            Provenance provenance = new Provenance(provider.name(), config.train().seed(), step);
            ModelDirectory.write(request.out(), trainer.weights(), provenance);
            ModelDirectory.writeWeights(request.out().resolve(SafetensorsCheckpointStore.EMA),
                    trainer.optimizerState().ema(), "ema weights", provenance);
            return new TrainingSummary(step, loss, checkpoint, request.out());
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
