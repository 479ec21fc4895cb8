package org.hrmtext.cli.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import java.util.List;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Guards the registry's wiring when no provider is bound: it is empty, and selecting a name says
 * that none is installed. Discovery and selection of the real providers are tested in the tests
 * module ({@code org.hrmtext.tests.cli.InstalledBackendsTest}).
 */
class BackendRegistryTest {

    @Test
    void withoutProvidersTheRegistryIsEmptyAndSaysSo() {
        BackendRegistry registry = Guice.createInjector(new BackendModule(List.of()), new ApplicationModule())
                .getInstance(BackendRegistry.class);
        assertEquals(List.of(), registry.names());
        String m = assertThrows(InvalidInputException.class, () -> registry.select("djl")).getMessage();
        assertEquals("unknown backend \"djl\"; installed: none", m);
    }
}
