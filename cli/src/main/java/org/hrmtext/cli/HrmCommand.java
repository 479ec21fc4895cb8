package org.hrmtext.cli;

import com.google.inject.Injector;
import org.hrmtext.cli.wiring.Composition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code hrm} program, the composition root: builds the one Guice injector (backends found on
 * the class path) and runs the chosen subcommand.
 *
 * <pre>
 * hrm prepare --input pairs.jsonl --tokenizer byte --out data/pairs
 * hrm train --config tiny.yaml --data train.jsonl --out runs/tiny
 * hrm score --model runs/tiny --batch batch.json --bp-steps 3
 * hrm bench train --preset small --json
 * </pre>
 */
@Command(name = "hrm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Prepare data for, train, score, generate with and benchmark HRM-Text (Hierarchical Recurrent Model) language models.",
        subcommands = {QuickstartCommand.class, PrepareCommand.class, TrainCommand.class, SftCommand.class, ScoreCommand.class, GenerateCommand.class, GenerateBatchCommand.class, EvalCommand.class, ExportOnnxCommand.class, ExportHfCommand.class, InspectCommand.class, BenchCommand.class, StudyCommand.class, ServeCommand.class})
public final class HrmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: expected one of quickstart, prepare, train, sft, score, generate, generate-batch, eval, export-onnx, export-hf, inspect, bench, study, serve");
    }

    public static void main(String[] args) {
        System.exit(execute(Composition.injector(), args));
    }

    /** Runs a command line with the given injector and returns the exit code. */
    public static int execute(Injector injector, String... args) {
        return commandLine(injector).execute(args);
    }

    /** The configured command line (subcommands, error handlers), e.g. for walking its options. */
    public static CommandLine commandLine(Injector injector) {
        CommandLine cl = new CommandLine(HrmCommand.class, new GuiceFactory(injector));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(CliErrors::onParameterError);
        cl.setExecutionExceptionHandler(CliErrors::onExecutionError);
        SpaceWrappedHelp.install(cl);
        return cl;
    }
}
