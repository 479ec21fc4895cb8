package org.hrmtext.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.ports.BackendProvider;

/**
 * Binds each given backend provider under its {@link BackendProvider#name()} into a
 * {@code MapBinder<String, BackendProvider>}, from which {@link BackendRegistry} selects by name.
 * Two providers with one name are a packaging error that Guice reports at injector creation.
 */
public final class BackendModule extends AbstractModule {
    private final List<BackendProvider> providers;

    public BackendModule(List<BackendProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    @Override
    protected void configure() {
        MapBinder<String, BackendProvider> binder = MapBinder.newMapBinder(binder(), String.class, BackendProvider.class);
        providers.forEach(p -> binder.addBinding(p.name()).toInstance(p));
    }
}
