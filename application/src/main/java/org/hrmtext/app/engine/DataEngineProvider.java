package org.hrmtext.app.engine;

/**
 * A data engine installed on the class path, listed in
 * {@code META-INF/services/org.hrmtext.app.engine.DataEngineProvider}: its name (as given to
 * {@code --engine}) and how to start it.
 */
public interface DataEngineProvider {

    /** The {@code --engine} name, e.g. {@code spark}. */
    String name();

    /** Starts the engine on {@code settings.master()} (e.g. {@code local[2]}, {@code spark://host:7077}, {@code yarn}). */
    DataEngine open(EngineSettings settings);
}
