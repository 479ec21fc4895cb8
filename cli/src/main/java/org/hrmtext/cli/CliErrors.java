package org.hrmtext.cli;

import java.io.UncheckedIOException;
import org.hrmtext.app.train.TrainingDivergedException;
import org.hrmtext.domain.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr, {@code hrm <cmd>: error: <reason>}, and an exit code:
 * 2 for bad input (options, files, configs) or a bad environment (a full disk or exhausted quota),
 * 3 for a training run that diverged, 1 for anything unexpected (another I/O failure, a bug).
 */
final class CliErrors {
    static final int BAD_INPUT = 2;
    static final int DIVERGED = 3;
    static final int FAILURE = 1;

    private CliErrors() {
    }

    static int onParameterError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        print(cmd, ex.getMessage() + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)");
        return BAD_INPUT;
    }

    static int onExecutionError(Exception ex, CommandLine cmd, ParseResult parsed) {
        if (ex instanceof InvalidInputException) {
            print(cmd, ex.getMessage());
            return BAD_INPUT;
        }
        if (ex instanceof TrainingDivergedException) {
            print(cmd, ex.getMessage());
            return DIVERGED;
        }
        if (ex instanceof UncheckedIOException && diskFull(ex)) {
            print(cmd, ex.getMessage() + " (the disk is full: free space, or write elsewhere)");
            return BAD_INPUT;
        }
        print(cmd, ex instanceof UncheckedIOException ? ex.getMessage() : "unexpected failure: " + ex);
        return FAILURE;
    }

    /** Whether a failure, or one of its causes, is the file system's "no space left" or "quota exceeded". */
    static boolean diskFull(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private static void print(CommandLine cmd, String message) {
        String oneLine = String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").trim();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: " + oneLine);
        cmd.getErr().flush();
    }
}
