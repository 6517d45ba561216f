package dev.rnn4j.spark;

import dev.rnn4j.tool.UserError;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Spark session a command runs in: the master given, else spark-submit's, else all local cores. */
final class SparkSessions {
    private SparkSessions() {}

    /** local, local[N], local[*], local[N,F], spark://HOST:PORT[,HOST:PORT], yarn, k8s://URL. */
    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local(\\[([1-9][0-9]*|\\*)(,[0-9]+)?])?|spark://[^:/,]+:[0-9]+(,[^:/,]+:[0-9]+)*|yarn|k8s://.+");

    /** A master URL Spark can parse (null: spark-submit's or local[*]); the error says which forms there are. */
    static void checkMaster(String master) {
        if (master != null && !MASTER.matcher(master).matches()) {
            throw new UserError("--master '" + master + "' is not a Spark master URL; use local[N] (N threads), "
                    + "local[*], spark://HOST:7077, yarn or k8s://URL");
        }
    }

    static SparkSession start(String master, String appName, List<String> settings) {
        checkMaster(master);
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
        String m = conf.get("spark.master");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (m.startsWith("local") || m.contains("127.0.0.1") || m.contains("localhost")) {
            // a cluster on this machine: keep every connection on loopback
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        Path ownJar = ownJar();
        if (m.startsWith("spark://") && !conf.contains("spark.jars") && ownJar != null) {
            conf.set("spark.jars", ownJar.toString());   // run outside spark-submit: ship our classes ourselves
        }
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new UserError("--conf expects KEY=VALUE, got '" + s + "'; pass e.g. --conf "
                    + "spark.executor.memory=4g");
            conf.set(s.substring(0, eq), s.substring(eq + 1));
        }
        SparkSession session;
        try {
            session = SparkSession.builder().config(conf).getOrCreate();
        } catch (Exception e) {   // Spark's own errors (a bad --conf value, an unreachable master) arrive unchecked
            throw new UserError("cannot start Spark on " + m + ": " + SparkCorpus.rootMessage(e)
                    + "; check --master and --conf");
        }
        session.sparkContext().setLogLevel("WARN");
        return session;
    }

    static JavaSparkContext context(SparkSession session) {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    /** The jar these classes were loaded from, or null when they come from a directory (tests, an IDE). */
    static Path ownJar() {
        try {
            Path p = Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (Exception e) {
            return null;
        }
    }
}
