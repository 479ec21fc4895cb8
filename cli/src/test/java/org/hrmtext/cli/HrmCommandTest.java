package org.hrmtext.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.util.List;
import org.hrmtext.cli.wiring.ApplicationModule;
import org.hrmtext.cli.wiring.BackendModule;
import org.junit.jupiter.api.Test;

/**
 * Guards the parts of the command line that need no backend: every command builds through Guice
 * and has help, and usage errors are one line with exit 2. Runs of train, score and bench with the
 * real backend are in the tests module ({@code org.hrmtext.tests.cli}).
 */
class HrmCommandTest {
    private static final Injector NO_BACKENDS = Guice.createInjector(new BackendModule(List.of()), new ApplicationModule());

    @Test
    void everyCommandHasHelp() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"train", "--help"},
                new String[] {"score", "--help"}, new String[] {"bench", "train", "--help"})) {
            Hrm.Result r = Hrm.run(NO_BACKENDS, args);
            assertEquals(0, r.exitCode(), String.join(" ", args));
            assertTrue(r.out().contains("Usage: hrm"), r.out());
        }
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        Hrm.Result missingOption = Hrm.run(NO_BACKENDS, "score", "--batch", "b.json");
        assertEquals(2, missingOption.exitCode());
        assertTrue(missingOption.err().startsWith("hrm score: error: Missing required option"), missingOption.err());
        assertEquals(1, missingOption.err().lines().count());
        Hrm.Result missingCommand = Hrm.run(NO_BACKENDS);
        assertEquals(2, missingCommand.exitCode());
        assertTrue(missingCommand.err().startsWith("hrm: error: missing command"), missingCommand.err());
    }
}
