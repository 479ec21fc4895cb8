package org.hrmtext.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hrm study}: the group of controlled studies ({@code gradients}). */
@Command(name = "study", mixinStandardHelpOptions = true, description = "Controlled studies of training dynamics.",
        subcommands = {StudyGradientsCommand.class})
public final class StudyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing study: expected gradients");
    }
}
