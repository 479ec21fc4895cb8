package org.hrmtext.app.train;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.checkpoint.ModelDirectory;
import org.hrmtext.app.checkpoint.Provenance;
import org.hrmtext.app.checkpoint.SafetensorsCheckpointStore;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.app.io.RunDirectory;
import org.hrmtext.app.text.TokenizerFiles;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.SamplePacker;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.Checkpoint;
import org.hrmtext.ports.CheckpointStore;
import org.hrmtext.ports.MetricsSink;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * {@code hrm train}: loads the samples ({@link TrainingDataLoader}), starts fresh or from a
 * checkpoint, opens the configured backend's trainer and runs the {@link TrainingLoop}. The output
 * directory receives {@code metrics.jsonl}, the latest checkpoint in {@code checkpoint/}, and the
 * final model ({@code config.json}, {@code model.safetensors}, {@code model_ema.safetensors}, and
 * for text data the tokenizer files). The output directory is locked for the run
 * ({@link RunDirectory}); one that holds an earlier run is refused unless the run resumes or
 * overwrites it; a checkpoint that a kill left only under its hidden name is restored first
 * ({@link AtomicDirectory#recover}); a run that fails before writing anything leaves no directory.
 *
 * <pre>{@code
 * TrainingSummary s = useCase.run(new TrainRequest(config, data, out, Optional.empty()));
 * }</pre>
 */
public final class TrainUseCase {
    /** The checkpoint directory inside the output directory. */
    public static final String CHECKPOINT = "checkpoint";
    public static final String METRICS = "metrics.jsonl";
    /** What a run writes into its output directory, any of which marks the directory as holding a run. */
    private static final List<String> RUN_FILES = List.of(METRICS, CHECKPOINT, ModelDirectory.CONFIG, ModelDirectory.WEIGHTS,
            SafetensorsCheckpointStore.EMA);

    private final BackendRegistry backends;
    private final CheckpointStore store;
    private final TrainingDataLoader loader;

    @Inject
    public TrainUseCase(BackendRegistry backends, CheckpointStore store, TrainingDataLoader loader) {
        this.backends = backends;
        this.store = store;
        this.loader = loader;
    }

    /** The backend named by {@code backend.train} (or {@code --backend}), when it can train. */
    private BackendProvider trainer(TrainingConfig config) {
        try {
            return backends.select(config.backend().train(), BackendCapability.TRAIN);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("key backend.train: " + e.getMessage(), e);
        }
    }

    public TrainingSummary run(TrainRequest request) {
        TrainingConfig config = request.config();
        StepMemory.check(config);
        try (TrainingData data = loader.load(request.data(), request.tokenizer(), config)) {
            BackendProvider provider = trainer(config);
            try (RunDirectory out = RunDirectory.claim(request.out(), "--out")) {
                AtomicDirectory.recover(request.out().resolve(CHECKPOINT));
                refuseEarlierRun(out, request);
                RunStart start = request.resume().map(dir -> RunStart.resume(dir, loadCheckpoint(dir), config))
                        .or(() -> request.initial().map(init -> RunStart.from(init, config)))
                        .orElseGet(() -> RunStart.fresh(config));
                BatchStream batches = new BatchStream(data.samples(), new SamplePacker(config.train().rows(),
                        config.train().seqLen()), data.orderOfEpoch(), start.epoch(), start.batchInEpoch(), request.data().toString());
                TrainingSummary summary = train(request, provider, start, batches);
                data.tokenizerDir().ifPresent(dir -> TokenizerFiles.copy(dir, request.out()));
                return summary;
            }
        }
    }

    /** A checkpoint to resume, restored first from its hidden copy when a kill interrupted its last save. */
    private Checkpoint loadCheckpoint(Path dir) {
        AtomicDirectory.recover(dir);
        return store.load(dir);
    }

    /**
     * Refuses an output directory that holds an earlier run (its metrics, checkpoint or model)
     * unless this run resumes it or {@code overwrite} was asked for.
     */
    private static void refuseEarlierRun(RunDirectory out, TrainRequest request) {
        if (request.resume().isPresent() || request.overwrite()) {
            return;
        }
        Path dir = request.out();
        List<String> found = RUN_FILES.stream().filter(f -> Files.exists(dir.resolve(f))).toList();
        if (!found.isEmpty() || AtomicDirectory.hasLeftovers(dir.resolve(CHECKPOINT))) {
            throw new InvalidInputException("--out " + dir + " already holds a training run ("
                    + (found.isEmpty() ? "hidden checkpoint copies" : String.join(", ", found)) + "): continue it with --resume "
                    + dir.resolve(CHECKPOINT) + ", replace it with --overwrite, or choose another --out");
        }
    }

    private TrainingSummary train(TrainRequest request, BackendProvider provider, RunStart start, BatchStream data) {
        TrainingConfig config = request.config();
        Path checkpoint = request.out().resolve(CHECKPOINT);
        TrainerSpec spec = new TrainerSpec(start.weights(), config.optimizer().adamAtan2(), start.optimizer());
        try (Trainer trainer = provider.openTrainer(spec, config.backend().options());
                MetricsSink metrics = request.resume().isPresent()
                        ? JsonlMetricsSink.continuing(request.out().resolve(METRICS), start.step())
                        : new JsonlMetricsSink(request.out().resolve(METRICS), false)) {
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
}
