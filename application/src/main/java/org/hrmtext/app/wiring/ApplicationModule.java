package org.hrmtext.app.wiring;

import com.google.inject.AbstractModule;
import org.hrmtext.app.checkpoint.SafetensorsCheckpointStore;
import org.hrmtext.ports.CheckpointStore;

/** Binds the application's own implementations of driven ports (the checkpoint store). */
public final class ApplicationModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(CheckpointStore.class).to(SafetensorsCheckpointStore.class);
    }
}
