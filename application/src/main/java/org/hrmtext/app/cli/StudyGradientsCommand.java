package org.hrmtext.app.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hrmtext.app.study.GradientStudy;
import org.hrmtext.app.study.StudyPreset;
import org.hrmtext.app.study.StudyRequest;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.schedule.CreditPattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrm study gradients}: the gradient-dynamics study of recurrent depth. */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = {"Train each (architecture, backward depth) setting from the same seed and data with gradient "
                + "diagnostics at every step; compare full and truncated backprop on the same checkpoints and batches; "
                + "probe the effective depth of the recurrence.",
                "Writes DIR/steps, paired, probe and settings as .jsonl and .csv, PNG plots and DIR/REPORT.md (the paper's "
                        + "findings beside this run's numbers)."})
public final class StudyGradientsCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "smoke|tiny|small", defaultValue = "tiny", description = "Study preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps per setting (default: the preset's).")
    Integer steps;

    @Option(names = "--archs", paramLabel = "A,B", split = ",", description = "Architectures: hrm, rins, universal_transformer, trm, transformer (default: the preset's).")
    List<String> archs;

    @Option(names = "--depths", paramLabel = "P,Q", split = ",", description = "Credit patterns, e.g. H1L1,H2L3,full (default: the preset's).")
    List<String> depths;

    @Option(names = "--data", paramLabel = "FILE.jsonl|builtin", defaultValue = "builtin", description = "Token-id JSONL, or builtin (a digit-reversal task; default).")
    String data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "djl", description = "Training backend (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Compute threads (0 = backend default).")
    int threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the initial weights and the data (default: ${DEFAULT-VALUE}).")
    long seed;

    private final GradientStudy study;

    @Inject
    public StudyGradientsCommand(GradientStudy study) {
        this.study = study;
    }

    @Override
    public Integer call() {
        StudyPreset p = StudyPreset.named(preset);
        List<Architecture> a = (archs == null ? p.archs() : archs).stream().map(String::trim).map(Architecture::fromConfigName).toList();
        List<CreditPattern> d = (depths == null ? p.depths() : depths).stream().map(String::trim).map(CreditPattern::parse).toList();
        Optional<Path> file = data.equals("builtin") ? Optional.empty() : Optional.of(Path.of(data));
        Path report = study.run(new StudyRequest(p, steps == null ? p.steps() : steps, a, d, file, out, backend, threads, seed));
        System.out.println("study written to " + out + "; report: " + report);
        return 0;
    }
}
