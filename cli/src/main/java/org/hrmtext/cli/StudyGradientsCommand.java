package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hrmtext.lab.study.GradientStudy;
import org.hrmtext.lab.study.StudyPreset;
import org.hrmtext.lab.study.StudyRequest;
import org.hrmtext.lab.study.v2.ProtocolPreset;
import org.hrmtext.lab.study.v2.ProtocolReport;
import org.hrmtext.lab.study.v2.ProtocolStudy;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.schedule.CreditPattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm study gradients}: the gradient-dynamics study of recurrent depth. */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = {"Train each (architecture, backward depth) setting from the same seed and data with gradient "
                + "diagnostics at every step; compare full and truncated backprop on the same checkpoints and batches; "
                + "probe the effective depth of the recurrence.",
                "Writes DIR/steps, paired, probe and settings as .jsonl and .csv, PNG plots and DIR/REPORT.md (the paper's "
                        + "findings beside this run's numbers)."})
public final class StudyGradientsCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--protocol", paramLabel = "v1|v2", defaultValue = "v1", description = "v1: one training run per "
            + "(architecture, depth) cell; v2: issue 12's protocol, every grid truncation on the same weights at each "
            + "checkpoint of one reference run per architecture (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--preset", paramLabel = "NAME", description = "Study preset: v1 smoke|tiny|small (default tiny), "
            + "v2 smoke|fair-cpu|gpu (default fair-cpu).")
    String preset;

    @Option(names = "--every", paramLabel = "N", description = "v2: steps between diagnostic checkpoints (default: the preset's).")
    Integer every;

    @Option(names = "--seeds", paramLabel = "S,T", split = ",", description = "v2: seeds (default: the preset's).")
    List<Long> seeds;

    @Option(names = "--runs", paramLabel = "R,S", split = ",", description = "v2: reference runs, some of hrm, hrm_full, "
            + "rins, ut, trm (default: the preset's).")
    List<String> runs;

    @Option(names = "--report-from", paramLabel = "DIR", description = "v2: recompute DIR/REPORT.md from DIR/raw.jsonl "
            + "(a finished or cut-off run) without training.")
    Path reportFrom;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps per setting (default: the preset's).")
    Integer steps;

    @Option(names = "--archs", paramLabel = "A,B", split = ",", description = "Architectures: hrm, rins, universal_transformer, trm, transformer (default: the preset's).")
    List<String> archs;

    @Option(names = "--depths", paramLabel = "P,Q", split = ",", description = "Credit patterns, e.g. H1L1,H2L3,full (default: the preset's).")
    List<String> depths;

    @Option(names = "--data", paramLabel = "FILE.jsonl|builtin", defaultValue = "builtin", description = "Token-id JSONL, or builtin (a digit-reversal task; default).")
    String data;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory.")
    Path out;



    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the initial weights and the data (default: ${DEFAULT-VALUE}).")
    long seed;

    private final GradientStudy study;
    private final ProtocolStudy protocolV2;

    @Inject
    public StudyGradientsCommand(GradientStudy study, ProtocolStudy protocolV2) {
        this.study = study;
        this.protocolV2 = protocolV2;
    }

    @Override
    public Integer call() {
        if (reportFrom != null) {
            Path report = ProtocolReport.write(reportFrom, Double.NaN);
            System.out.println("report: " + report);
            return 0;
        }
        if (out == null) {
            throw new InvalidInputException("--out: required (the output directory)");
        }
        if (protocol.equals("v2")) {
            ProtocolPreset p = ProtocolPreset.named(preset == null ? "fair-cpu" : preset);
            p = p.with(steps == null ? p.steps() : steps, every == null ? p.every() : every, seeds == null ? p.seeds() : seeds,
                    runs == null ? p.runs() : runs.stream().map(String::trim).toList());
            Path report = protocolV2.run(p, out, compute.backendOr("djl"), new BackendOptions(compute.device(), compute.threads()));
            System.out.println("study written to " + out + "; report: " + report);
            return 0;
        }
        if (!protocol.equals("v1")) {
            throw new InvalidInputException("--protocol " + protocol + ": expected v1 or v2");
        }
        compute.requireCpu("hrm study gradients --protocol v1");
        StudyPreset p = StudyPreset.named(preset == null ? "tiny" : preset);
        List<Architecture> a = (archs == null ? p.archs() : archs).stream().map(String::trim).map(Architecture::fromConfigName).toList();
        List<CreditPattern> d = (depths == null ? p.depths() : depths).stream().map(String::trim).map(CreditPattern::parse).toList();
        Optional<Path> file = data.equals("builtin") ? Optional.empty() : Optional.of(Path.of(data));
        Path report = study.run(new StudyRequest(p, steps == null ? p.steps() : steps, a, d, file, out, compute.backendOr("djl"), compute.threads(), seed));
        System.out.println("study written to " + out + "; report: " + report);
        return 0;
    }
}
