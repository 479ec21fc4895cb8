package org.hrmtext.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.hrmtext.app.engine.DataEngine;
import org.hrmtext.app.engine.DataEngineProvider;
import org.hrmtext.app.engine.EngineSettings;

/**
 * {@code --engine spark}: joins the active {@link SparkSession} (a test's, or the one
 * {@code spark-submit} configured) or starts one on {@code --master} (default {@code local[*]}
 * when nothing else set one), with the {@code --conf} settings.
 */
public final class SparkEngineProvider implements DataEngineProvider {
    static final String DEFAULT_MASTER = "local[*]";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public DataEngine open(EngineSettings settings) {
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkConf conf = new SparkConf();
        settings.conf().forEach(conf::set);
        if (!settings.master().isEmpty()) {
            conf.setMaster(settings.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName("hrm");
        }
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        return new SparkDataEngine(session, !existing, settings.partitions());
    }
}
