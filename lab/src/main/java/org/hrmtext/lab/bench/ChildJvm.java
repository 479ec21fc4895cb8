package org.hrmtext.lab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code hrm} with arguments in a child JVM with this JVM's options and class path, so that
 * what the child loads (and its resident memory) is measured apart from this process. Standard
 * error passes through; standard output is returned.
 */
final class ChildJvm {
    /** The command line's entry point, run in the child. */
    private static final String MAIN = "org.hrmtext.cli.HrmCommand";

    private ChildJvm() {
    }

    /** The child's standard output; a non-zero exit is an error naming {@code what}. */
    static String run(String what, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            if (status != 0) {
                throw new IllegalStateException(what + " in a child process failed with exit status " + status);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(what + ": cannot start the child process: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }
}
