package org.hrmtext.app.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.config.TrainingConfigLoader;
import org.hrmtext.app.train.TrainRequest;
import org.hrmtext.app.train.TrainUseCase;
import org.hrmtext.app.train.TrainingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrm train}: trains a model from a YAML config on token-id JSONL data. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model from a YAML config on JSONL lines {\"instruction_ids\": [...], \"response_ids\": [...]}.",
                "Writes DIR/metrics.jsonl, the latest checkpoint DIR/checkpoint/ and the final model "
                        + "(DIR/config.json, DIR/model.safetensors, DIR/model_ema.safetensors)."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Training config (sections model, train, optimizer, backend).")
    Path config;

    @Option(names = "--data", required = true, paramLabel = "FILE.jsonl", description = "Token-id samples, one JSON object a line.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Checkpoint directory to continue from (e.g. DIR/checkpoint).")
    Path resume;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. --set train.steps=50 --set model.H_cycles=3.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--backend", paramLabel = "NAME", description = "Training backend, e.g. djl or tensorflow (overrides backend.train).")
    String backend;

    private final TrainUseCase useCase;

    @Inject
    public TrainCommand(TrainUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(overrides);
        if (backend != null) {
            all.add("backend.train=" + backend);
        }
        TrainingConfig c = TrainingConfigLoader.load(config, all);
        TrainingSummary s = useCase.run(new TrainRequest(c, data, out, Optional.ofNullable(resume)));
        System.out.printf(Locale.ROOT, "trained to step %d, last loss %.4f; model: %s; checkpoint: %s%n",
                s.step(), s.loss(), s.modelDirectory(), s.checkpoint());
        return 0;
    }
}
