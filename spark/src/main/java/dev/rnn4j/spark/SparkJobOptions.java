package dev.rnn4j.spark;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The flags every Spark command shares: where the job runs and Spark's own settings. */
final class SparkJobOptions {
    @Option(names = "--master",
            description = "Spark master: local[N], spark://HOST:7077 (default: spark-submit's, else local[*])")
    String master;
    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting (repeatable)")
    List<String> conf = new ArrayList<>();

    /** Checks --master's form before anything else starts. */
    void check() {
        SparkSessions.checkMaster(master);
    }

    /** A session on --master with the --conf settings. */
    SparkSession start(String appName) {
        return SparkSessions.start(master, appName, conf);
    }
}
