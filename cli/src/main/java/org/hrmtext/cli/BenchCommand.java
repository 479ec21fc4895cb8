package org.hrmtext.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hrm bench}: the group of benchmarks ({@code train}, {@code generate}, {@code quantization}, {@code serve}, {@code load}). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchTrainCommand.class, BenchGenerateCommand.class, BenchQuantizationCommand.class,
            BenchServeCommand.class, BenchLoadCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing benchmark: expected train, generate, quantization, serve or load");
    }
}
