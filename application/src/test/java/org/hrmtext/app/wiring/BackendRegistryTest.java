package org.hrmtext.app.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import java.util.List;
import org.hrmtext.app.FakeBackend;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {

    @Test
    void selectsBoundProvidersByName() {
        FakeBackend fake = new FakeBackend();
        BackendRegistry registry = Guice.createInjector(new BackendModule(List.of(fake)), new ApplicationModule())
                .getInstance(BackendRegistry.class);
        assertSame(fake, registry.select("fake"));
        assertEquals(List.of("fake"), registry.names());
    }

    @Test
    void unknownNameListsTheInstalledOnes() {
        BackendRegistry registry = Guice.createInjector(new BackendModule(List.of(new FakeBackend())))
                .getInstance(BackendRegistry.class);
        String m = assertThrows(InvalidInputException.class, () -> registry.select("tensorflow")).getMessage();
        assertEquals("unknown backend \"tensorflow\"; installed: fake", m);
    }
}
