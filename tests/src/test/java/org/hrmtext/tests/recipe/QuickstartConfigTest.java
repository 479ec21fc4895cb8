package org.hrmtext.tests.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.config.TrainingConfigLoader;
import org.hrmtext.app.quickstart.QuickstartConfigFile;
import org.hrmtext.app.quickstart.QuickstartRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code quickstart.yaml} a quickstart run writes reproduces that run (issue 15 item 9): loaded
 * on its own, as {@code hrm train --config} loads it, it gives the very configuration the run
 * trained with (architecture, steps, seed, rows, sequence length, learning rate, threads, time
 * limit, every other setting), for the defaults and for other {@code --arch}/{@code --steps}.
 */
class QuickstartConfigTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"hrm, 60, 0, 0, 2", "transformer, 0, 123, 7, 1", "trm, 2.5, 40, 3, 2"})
    void theWrittenConfigIsTheRunsConfig(String arch, double minutes, int steps, long seed, int threads) throws IOException {
        Path file = dir.resolve("quickstart.yaml");
        TrainingConfig run = QuickstartConfigFile.create(file, new QuickstartRequest(dir, arch, minutes, steps, seed, threads));
        TrainingConfig written = TrainingConfigLoader.load(file, List.of());
        assertEquals(run, written, "quickstart.yaml loads as the run's config");
        assertEquals(arch, written.model().architecture().configName());
        assertEquals(seed, written.train().seed());
        assertEquals(steps > 0 ? steps : 600, written.train().steps(), "--steps 0 means the bundled 600");
        assertEquals(minutes, written.train().maxMinutes());
        String text = Files.readString(file);
        assertTrue(text.contains("bin/hrm train --config RUN/quickstart.yaml"), "says how to rerun it");
    }
}
