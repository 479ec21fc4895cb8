package org.hrmtext.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.app.engine.DataEngine;
import org.hrmtext.app.engine.DataEngines;
import org.hrmtext.app.engine.EngineSettings;
import picocli.CommandLine.Option;

/** The options choosing where {@code prepare}, {@code eval} and {@code generate-batch} run: this process or a data engine. */
public final class EngineOptions {
    @Option(names = "--engine", defaultValue = DataEngines.LOCAL, paramLabel = "local|spark",
            description = "Where to run: local (this process) or spark (Apache Spark, needs hrm-adapters-spark on the class path; default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--master", defaultValue = "", paramLabel = "URL",
            description = "Spark master: local[*], local[2], spark://host:7077, yarn, k8s://https://host:443 (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Partitions to split the input into (0 = the engine's choice; the result does not depend on it).")
    int partitions;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Further engine settings, e.g. --conf spark.executor.memory=8g.")
    Map<String, String> conf = new LinkedHashMap<>();

    boolean local() {
        return engine.equals(DataEngines.LOCAL);
    }

    DataEngine open() {
        return DataEngines.open(engine, new EngineSettings(master, partitions, conf));
    }
}
