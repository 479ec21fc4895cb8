package org.hrmtext.cli.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;

/**
 * Builds the one injector of a process: the backends and tokenizer plugins discovered on the
 * class path plus the application's own bindings.
 */
public final class Composition {
    private Composition() {
    }

    public static Injector injector() {
        return Guice.createInjector(new BackendModule(BackendRegistry.discover()),
                new TokenizerModule(TokenizerCatalog.discover()), new ApplicationModule());
    }
}
