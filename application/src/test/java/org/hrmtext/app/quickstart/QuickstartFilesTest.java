package org.hrmtext.app.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.config.TrainingConfigLoader;
import org.hrmtext.app.io.RunDirectory;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartFilesTest {
    @Test
    void theWrittenConfigReproducesTheRunsSettings(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("quickstart.yaml");
        try (InputStream in = QuickstartUseCase.class.getResourceAsStream("quickstart.yaml")) {
            Files.copy(in, file);
        }
        List<String> overrides = List.of("model.architecture=transformer", "train.max_minutes=2.5", "backend.threads=1",
                "train.seed=7", "train.steps=40");
        TrainingConfig run = TrainingConfigLoader.load(file, overrides);
        QuickstartConfigFile.write(file, overrides);
        assertEquals(run, TrainingConfigLoader.load(file, List.of()));
        String text = Files.readString(file);
        assertTrue(text.contains("  architecture: transformer\n") && text.contains("  steps: 40\n"), text);
    }

    @Test
    void anotherToolsDirectoryIsRefusedAndKept(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectory(dir.resolve("study"));
        Files.writeString(out.resolve("REPORT.md"), "# gradients study");
        try (RunDirectory claimed = RunDirectory.claim(out, "--out")) {
            String m = assertThrows(InvalidInputException.class, () -> QuickstartMarker.clear(claimed)).getMessage();
            assertEquals("--out " + out + " is not empty and holds no earlier quickstart run (no .hrm-quickstart marker); "
                    + "choose another --out", m);
        }
        assertEquals("# gradients study", Files.readString(out.resolve("REPORT.md")));
    }

    @Test
    void anEarlierQuickstartLosesOnlyWhatAQuickstartWrites(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectory(dir.resolve("qs"));
        QuickstartMarker.write(out);
        Files.createDirectories(out.resolve("model/checkpoint"));
        Files.writeString(out.resolve("REPORT.md"), "old report");
        Files.writeString(out.resolve("notes.txt"), "mine");
        try (RunDirectory claimed = RunDirectory.claim(out, "--out")) {
            QuickstartMarker.clear(claimed);
            assertEquals(List.of(out.resolve("notes.txt")), claimed.entries());
        }
        assertFalse(Files.exists(out.resolve("model")));
    }

    @Test
    void aForgedMarkerIsNotRecognised(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectory(dir.resolve("qs"));
        Files.writeString(out.resolve(QuickstartMarker.FILE), "anything");
        Files.writeString(out.resolve("data.bin"), "keep");
        try (RunDirectory claimed = RunDirectory.claim(out, "--out")) {
            assertThrows(InvalidInputException.class, () -> QuickstartMarker.clear(claimed));
        }
        assertEquals("keep", Files.readString(out.resolve("data.bin")));
    }
}
