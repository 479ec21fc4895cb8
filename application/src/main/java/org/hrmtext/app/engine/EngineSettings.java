package org.hrmtext.app.engine;

import java.util.Map;

/**
 * Where and how an engine runs: the cluster {@code master} (empty: the engine's default, e.g.
 * what {@code spark-submit} set), the number of partitions to split inputs into (0: the engine
 * decides), and further engine settings ({@code --conf key=value}).
 */
public record EngineSettings(String master, int partitions, Map<String, String> conf) {
    public EngineSettings {
        conf = Map.copyOf(conf);
    }
}
