package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hrmtext.app.quickstart.QuickstartRequest;
import org.hrmtext.app.quickstart.QuickstartResult;
import org.hrmtext.app.quickstart.QuickstartUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm quickstart}: the whole recipe on this machine in minutes. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Generate a reasoning-task dataset (two-digit addition and subtraction with carries, sorting, reversal), train an "
                + "HRM-Text model on the CPU, evaluate held-out exact match, export ONNX, answer prompts through ONNX "
                + "Runtime, and write a training curve and a report."})
public final class QuickstartCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--out", defaultValue = "runs/quickstart", paramLabel = "DIR", description = "Run directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--arch", defaultValue = "hrm", paramLabel = "NAME", description = "hrm, universal_transformer, rins, trm or transformer (default: ${DEFAULT-VALUE}); baselines keep the same parameters.")
    String arch;

    @Option(names = "--minutes", defaultValue = "60", paramLabel = "M", description = "Safety-net time limit for training "
            + "(default: ${DEFAULT-VALUE}; 0 = none); the run is defined by its steps, so a slower machine takes longer, not fewer steps.")
    double minutes;

    @Option(names = "--steps", defaultValue = "0", paramLabel = "N", description = "Training steps (default: 0 = 600, the bundled config's).")
    int steps;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the task data and the weights (default: ${DEFAULT-VALUE}).")
    long seed;


    private final QuickstartUseCase useCase;

    @Inject
    public QuickstartCommand(QuickstartUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        compute.requireUnset("hrm quickstart", "--backend");
        compute.requireCpu("hrm quickstart");
        QuickstartResult r = useCase.run(new QuickstartRequest(out, arch, minutes, steps, seed, compute.threads()), System.out);
        System.out.printf(Locale.ROOT, "%ntrained %d of %d steps in %.0f s%n", r.training().step(), r.plannedSteps(),
                r.trainingSeconds());
        System.out.printf(Locale.ROOT, "held-out exact match: %.1f %% of %d tasks (%s)%n", 100 * r.heldOut().score(),
                r.heldOut().items(), r.heldOut().byKind().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), 100 * e.getValue()))
                        .collect(java.util.stream.Collectors.joining(", ")));
        System.out.println("answers from ONNX Runtime (prompt -> model | reference):");
        for (String[] e : r.examples()) {
            System.out.printf("  %-16s -> %-10s | %s%n", e[0], e[1], e[2]);
        }
        Path m = r.model();
        System.out.printf(Locale.ROOT, "%nwritten in %.0f s: model %s, ONNX %s, report %s, curve %s%n", r.seconds(), m, r.onnx(),
                r.out().resolve("REPORT.md"), r.out().resolve("training_curve.png"));
        System.out.println("continue with:");
        System.out.println("  bin/hrm generate --model " + r.onnx() + " --prompt \"sort 5193\" --condition direct");
        System.out.println("  bin/hrm eval --model " + m + " --data " + r.out().resolve("data/heldout.jsonl"));
        System.out.println("  bin/hrm sft --from " + m.resolve("checkpoint") + " --data YOUR.jsonl --out runs/sft");
        return 0;
    }
}
