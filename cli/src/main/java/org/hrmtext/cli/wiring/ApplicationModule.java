package org.hrmtext.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import java.util.Set;
import org.hrmtext.app.checkpoint.SafetensorsCheckpointStore;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.CheckpointStore;
import org.hrmtext.ports.TokenizerProvider;

/**
 * Binds the application's own implementations of driven ports (the checkpoint store) and declares
 * the tokenizer plugin set, which stays empty (byte tokenizer only) unless a
 * {@link TokenizerModule} adds to it, and the {@link TokenizerCatalog} over it.
 */
public final class ApplicationModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(CheckpointStore.class).to(SafetensorsCheckpointStore.class);
        Multibinder.newSetBinder(binder(), TokenizerProvider.class);
    }

    @Provides
    TokenizerCatalog tokenizerCatalog(Set<TokenizerProvider> providers) {
        return new TokenizerCatalog(providers);
    }
}
