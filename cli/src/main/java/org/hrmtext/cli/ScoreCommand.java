package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.app.io.OutputPaths;
import org.hrmtext.app.score.ScoreJob;
import org.hrmtext.app.score.ScoreReport;
import org.hrmtext.app.score.ScoreUseCase;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm score}: loss, gradient norms and optionally logits of a batch file under a model directory. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score a batch file with a model directory (config.json + model.safetensors).",
                "Prints {\"loss\": ..., \"labelled_tokens\": ..., \"grad_norms\": {name: L2 norm}} (gradient norms "
                        + "whenever the backend can train)."})
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    /** The one tensor of a {@code --logits} file. */
    private static final String LOGITS = "logits";
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path model;

    @Option(names = "--batch", required = true, paramLabel = "FILE.json", description = "Batch file (inputs, labels, position_ids, sequences).")
    Path batch;

    @Option(names = "--bp-steps", paramLabel = "K", description = "Backprop depth in module calls (default: the architecture's own truncation).")
    Integer bpSteps;


    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the JSON here instead of stdout.")
    Path out;

    @Option(names = "--logits", paramLabel = "FILE.safetensors", description = "Write the logits [tokens, vocab] as tensor 'logits'.")
    Path logits;


    private final ScoreUseCase useCase;

    @Inject
    public ScoreCommand(ScoreUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        compute.requireCpu("hrm score");
        if (out != null) {
            OutputPaths.requireOwnFile(out, "--out", "a score report", p -> Json.parseObject(read(p)).containsKey("loss"));
        }
        if (logits != null) {
            OutputPaths.requireOwnFile(logits, "--logits", "a logits file",
                    p -> Safetensors.header(p).entries().containsKey(LOGITS));
        }
        ScoreReport report = useCase.run(new ScoreJob(model, batch, Optional.ofNullable(bpSteps), compute.backendOr("djl"), compute.threads(), logits != null));
        String json = JsonWriter.pretty(report.toJson());
        if (logits != null) {
            report.logits().ifPresent(t -> AtomicFiles.write(logits, tmp -> SafetensorsWriter.write(tmp, List.of(t), Map.of())));
        }
        if (out != null) {
            AtomicFiles.writeString(out, json);
        } else {
            System.out.print(json);
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
