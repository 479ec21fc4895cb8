package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.cli.wiring.Composition;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards plugin discovery as the program does it: the composition root's registry holds the
 * providers that {@code META-INF/services} lists on the class path (DJL among them, able to train),
 * selects them by name, and an unknown name, from the registry or from {@code hrm train
 * --backend}, lists the installed ones.
 */
class InstalledBackendsTest {
    private final BackendRegistry registry = Composition.injector().getInstance(BackendRegistry.class);

    @TempDir
    Path dir;

    @Test
    void discoveredProvidersAreSelectedByName() {
        assertEquals(BackendRegistry.discover().stream().map(BackendProvider::name).sorted().toList(), registry.names());
        BackendProvider djl = registry.select("djl");
        assertEquals("djl", djl.name());
        assertTrue(djl.capabilities().contains(BackendCapability.TRAIN));
    }

    @Test
    void unknownNameListsTheInstalledOnes() {
        String expected = "unknown backend \"nope\"; installed: " + String.join(", ", registry.names());
        assertEquals(expected, assertThrows(InvalidInputException.class, () -> registry.select("nope")).getMessage());
        TrainInputs inputs = new TrainInputs(dir);
        assertEquals("key backend.train: unknown backend \"nope\"; installed backends that can train: djl, tensorflow",
                inputs.rejected(inputs.config(), inputs.data(), "--backend", "nope"), "train lists only trainers");
    }
}
