package org.hrmtext.app.train;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.checkpoint.ModelDirectory;
import org.hrmtext.app.checkpoint.Provenance;
import org.hrmtext.app.checkpoint.SafetensorsCheckpointStore;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.wiring.BackendRegistry;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;
import org.hrmtext.domain.data.TokenIdJsonl;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.CheckpointStore;
import org.hrmtext.ports.MetricsSink;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * {@code hrm train}: reads the samples, starts fresh or from a checkpoint, opens the configured
 * backend's trainer and runs the {@link TrainingLoop}. The output directory receives
 * {@code metrics.jsonl}, the latest checkpoint in {@code checkpoint/}, and the final model
 * ({@code config.json}, {@code model.safetensors}, {@code model_ema.safetensors}).
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

    @Inject
    public TrainUseCase(BackendRegistry backends, CheckpointStore store) {
        this.backends = backends;
        this.store = store;
    }

    public TrainingSummary run(TrainRequest request) {
        TrainingConfig config = request.config();
        BackendProvider provider = backends.select(config.backend().train());
        List<Sample> samples = TokenIdJsonl.read(request.data(), config.model().vocabSize());
        RunStart start = request.resume().map(dir -> RunStart.resume(dir, store.load(dir), config))
                .orElseGet(() -> RunStart.fresh(config));
        BatchStream data = new BatchStream(samples, new SamplePacker(config.train().rows(), config.train().seqLen()),
                config.train().seed(), start.epoch(), start.batchInEpoch(), request.data().toString());
        createDirectories(request.out());
        Path checkpoint = request.out().resolve(CHECKPOINT);
        TrainerSpec spec = new TrainerSpec(start.weights(), config.optimizer().adamAtan2(), start.optimizer());
        try (Trainer trainer = provider.openTrainer(spec, config.backend().options());
                MetricsSink metrics = new JsonlMetricsSink(request.out().resolve(METRICS), request.resume().isPresent())) {
            double loss = new TrainingLoop(config, trainer, store, checkpoint, metrics).run(start, data);
            long step = Math.max(start.step(), config.train().steps());
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
