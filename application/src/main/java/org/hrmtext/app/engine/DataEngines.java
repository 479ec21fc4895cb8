package org.hrmtext.app.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.hrmtext.domain.InvalidInputException;

/**
 * Finds the data engine named by {@code --engine} among those installed ({@link ServiceLoader}).
 * An engine that is not installed, or whose libraries are missing (the Spark engine without Spark
 * on the class path), is a one-line error saying what to run instead.
 */
public final class DataEngines {
    /** The in-process engine, which needs no provider. */
    public static final String LOCAL = "local";
    private static final String HOW = "the Spark engine is the hrm-adapters-spark module: build it (mvn package) and run "
            + "bin/hrm, or spark-submit adapters-spark/target/hrm-spark-assembly.jar; see README \"Spark\"";

    private DataEngines() {
    }

    /** Starts the engine {@code name}. */
    public static DataEngine open(String name, EngineSettings settings) {
        List<String> installed = new ArrayList<>(List.of(LOCAL));
        for (ServiceLoader.Provider<DataEngineProvider> candidate : ServiceLoader.load(DataEngineProvider.class).stream().toList()) {
            DataEngineProvider provider;
            try {
                provider = candidate.get();
            } catch (ServiceConfigurationError | LinkageError e) {
                continue;
            }
            installed.add(provider.name());
            if (provider.name().equals(name)) {
                try {
                    return provider.open(settings);
                } catch (LinkageError e) {
                    throw new InvalidInputException("--engine " + name + ": its libraries are not on the class path (missing "
                            + e.getMessage() + "); " + HOW);
                }
            }
        }
        throw new InvalidInputException("--engine " + name + ": not installed; installed: " + String.join(", ", installed)
                + (name.equals("spark") ? " (" + HOW + ")" : ""));
    }
}
