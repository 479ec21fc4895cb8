package org.hrmtext.cli;

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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm train}: trains a model from a YAML config on a prepared dataset, text JSONL or token-id JSONL. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model from a YAML config on a dataset written by hrm prepare, on text JSONL lines "
                + "{\"instruction\": ..., \"response\": ..., \"condition\"?: ...} (prepared on the fly), "
                + "or on token-id JSONL lines {\"instruction_ids\": [...], \"response_ids\": [...]}.",
                "Writes DIR/metrics.jsonl, the latest checkpoint DIR/checkpoint/ and the final model "
                        + "(DIR/config.json, DIR/model.safetensors, DIR/model_ema.safetensors, and for text data the tokenizer files)."})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Training config (sections model, train, optimizer, backend).")
    Path config;

    @Option(names = "--data", required = true, paramLabel = "DIR|FILE.jsonl", description = "Prepared dataset directory, text JSONL or token-id JSONL.")
    Path data;

    @Option(names = "--tokenizer", paramLabel = "PATH|byte", description = "Tokenizer for text JSONL: byte (default) or a tokenizer.json or its directory.")
    String tokenizer;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (locked while the run writes it).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Checkpoint directory to continue from (e.g. DIR/checkpoint).")
    Path resume;

    @Option(names = "--deterministic", description = "Bit-reproducible training: one compute thread, so two runs, or a run "
            + "killed and resumed, give identical weights (sets backend.deterministic).")
    boolean deterministic;

    @Option(names = "--overwrite", description = "Replace the run already in --out (its metrics, checkpoint and model); "
            + "without it such a directory is refused unless --resume continues it.")
    boolean overwrite;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. --set train.steps=50 --set model.H_cycles=3.")
    List<String> overrides = new ArrayList<>();


    @Option(names = "--credit", paramLabel = "PATTERN", description = "Fixed credit assignment at every step, e.g. H2L3 or full (overrides train.credit).")
    String credit;

    @Option(names = "--diagnostics", description = "Log gradient-magnitude statistics (mean, median, p95, p99, max, tail-to-median, "
            + "std of log|g|, norm; overall and per embedding, H, L, head) with each metrics line (sets train.diagnostics).")
    boolean diagnostics;

    private final TrainUseCase useCase;

    @Inject
    public TrainCommand(TrainUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(compute.trainingOverrides());
        if (credit != null) {
            all.add("train.credit=" + credit);
        }
        if (deterministic) {
            all.add("backend.deterministic=true");
        }
        if (diagnostics) {
            all.add("train.diagnostics=true");
        }
        TrainingConfig c = TrainingConfigLoader.load(config, all);
        TrainingSummary s = useCase.run(new TrainRequest(c, data, out, Optional.ofNullable(resume), Optional.ofNullable(tokenizer),
                Optional.empty(), overwrite));
        System.out.printf(Locale.ROOT, "trained to step %d, last loss %.4f; model: %s; checkpoint: %s%n",
                s.step(), s.loss(), s.modelDirectory(), s.checkpoint());
        return 0;
    }
}
