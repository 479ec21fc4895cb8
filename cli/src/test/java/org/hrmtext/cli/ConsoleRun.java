package org.hrmtext.cli;

import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One {@code hrm} command line run in this JVM with {@code System.out} and {@code System.err}
 * captured: its exit code and what it printed.
 *
 * <pre>{@code
 * ConsoleRun r = ConsoleRun.of(injector, "score", "--help");
 * }</pre>
 */
record ConsoleRun(int exitCode, String out, String err) {

    static ConsoleRun of(Injector injector, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = HrmCommand.execute(injector, args);
            return new ConsoleRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
