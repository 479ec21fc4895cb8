package org.hrmtext.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import java.util.List;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.TokenizerProvider;

/**
 * Binds the given tokenizer plugins into a {@code Set<TokenizerProvider>} multibinding, which
 * {@link TokenizerCatalog} receives. Without this module the set is empty and only the built-in
 * byte tokenizer is available.
 */
public final class TokenizerModule extends AbstractModule {
    private final List<TokenizerProvider> providers;

    public TokenizerModule(List<TokenizerProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    @Override
    protected void configure() {
        Multibinder<TokenizerProvider> binder = Multibinder.newSetBinder(binder(), TokenizerProvider.class);
        providers.forEach(p -> binder.addBinding().toInstance(p));
    }
}
