package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hrmtext.app.sft.SftRequest;
import org.hrmtext.app.sft.SftUseCase;
import org.hrmtext.app.train.TrainingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrm sft}: supervised fine-tuning from a checkpoint. */
@Command(name = "sft", mixinStandardHelpOptions = true,
        description = {"Fine-tune a trained model on instruction data: a new run from a checkpoint's weights (or its EMA), "
                + "credit-assignment warmup off by default; defaults: steps 200, lr 1e-4, EMA 0.999 (see --config)."})
public final class SftCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "DIR", description = "Checkpoint (e.g. RUN/checkpoint) or model directory.")
    Path from;

    @Option(names = "--data", required = true, paramLabel = "DIR|FILE.jsonl", description = "Prepared dataset, text JSONL or token-id JSONL.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE.yaml", description = "Training settings (train, optimizer, backend) over the SFT defaults: keys it leaves out keep the "
            + "defaults above, --set wins over both; the model section is ignored.")
    Path config;

    @Option(names = "--use-ema", description = "Start from the EMA weights (resets the optimizer).")
    boolean useEma;

    @Option(names = "--reset-optimizer", description = "Start with fresh optimizer moments.")
    boolean resetOptimizer;

    @Option(names = "--tokenizer", paramLabel = "byte|FILE", description = "Tokenizer for text JSONL (default: byte).")
    String tokenizer;

    @Option(names = "--overwrite", description = "Replace the run already in --out; without it such a directory is refused.")
    boolean overwrite;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting, e.g. --set train.steps=50.")
    List<String> overrides = new ArrayList<>();

    private final SftUseCase useCase;

    @Inject
    public SftCommand(SftUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        SftRequest request = new SftRequest(from, data, out, Optional.ofNullable(config), overrides,
                Optional.ofNullable(tokenizer), useEma, resetOptimizer, overwrite);
        useCase.emaWarning(request).ifPresent(w -> System.err.println("hrm sft: warning: " + w));
        TrainingSummary s = useCase.run(request);
        System.out.printf(Locale.ROOT, "fine-tuned to step %d, last loss %.4f; model: %s; checkpoint: %s%n",
                s.step(), s.loss(), s.modelDirectory(), s.checkpoint());
        return 0;
    }
}
