package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.hrmtext.lab.bench.BenchReport;
import org.hrmtext.lab.bench.BenchRequest;
import org.hrmtext.lab.bench.TrainBenchmark;
import org.hrmtext.formats.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm bench train}: training throughput and MFU of HRM H2L3 at full credit depth. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Time training steps of HRM (H_cycles 2, L_cycles 3, full credit depth) on 8 packed rows of 256 "
                + "synthetic tokens: tokens/s, model FLOPs per token, achieved GFLOP/s, the backend's 2048^3 matmul "
                + "rate, MFU, and resident memory."})
public final class BenchTrainCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small", description = "Model size preset (default: ${DEFAULT-VALUE}).")
    String preset;


    @Option(names = "--steps", paramLabel = "N", defaultValue = "20", description = "Timed steps after 2 warm-up steps (default: ${DEFAULT-VALUE}).")
    int steps;


    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    private final TrainBenchmark benchmark;

    @Inject
    public BenchTrainCommand(TrainBenchmark benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public Integer call() {
        compute.requireCpu("hrm bench train");
        BenchReport report = benchmark.run(new BenchRequest(preset, compute.backendOr("djl"), steps, compute.threads()));
        System.out.print(json ? JsonWriter.compact(report.toJson()) + System.lineSeparator() : report.text());
        return 0;
    }
}
