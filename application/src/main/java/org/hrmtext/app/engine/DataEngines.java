package org.hrmtext.app.engine;

import java.util.List;
import java.util.ServiceLoader;
import org.hrmtext.domain.InvalidInputException;

/** Finds the data engine named by {@code --engine} among those installed ({@link ServiceLoader}). */
public final class DataEngines {
    /** The in-process engine, which needs no provider. */
    public static final String LOCAL = "local";

    private DataEngines() {
    }

    /** The providers on the class path. */
    public static List<DataEngineProvider> discover() {
        return ServiceLoader.load(DataEngineProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** Starts the engine {@code name}; an engine that is not installed is an error naming those that are. */
    public static DataEngine open(String name, EngineSettings settings) {
        List<DataEngineProvider> installed = discover();
        return installed.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInputException("--engine " + name + ": not installed; installed: "
                        + LOCAL + installed.stream().map(p -> ", " + p.name()).reduce("", String::concat)
                        + (name.equals("spark") ? " (the Spark engine is the hrm-adapters-spark module: build it with "
                                + "mvn package, or run the assembly with spark-submit; see README \"Spark\")" : "")))
                .open(settings);
    }
}
