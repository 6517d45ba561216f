package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLmCheckpoint;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code rnn4j spark score}: per-line loss and bits per character of a trained char LM over a text data set. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score every line of a text data set with a trained character LM on Spark: the model is "
                + "broadcast "
                + "once, each partition scores its lines.",
                "Writes one row per line: line (index), chars (scored), unknown (characters outside the vocabulary), "
                        + "loss (nats/char), bpc; as JSON lines or Parquet."})
final class SparkScoreCommand implements Runnable {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "a run directory or checkpoint (as sample and eval take)")
    Path checkpoint;
    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "text, one item per line: a path or Hadoop URI (files or a directory)")
    String data;
    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "where to write the scores (a directory of part files)")
    String out;
    @Option(names = "--format", defaultValue = "json",
            description = "json (JSON lines) or parquet (default: ${DEFAULT-VALUE})")
    String format;
    @Option(names = "--master",
            description = "Spark master: local[N], spark://HOST:7077 (default: spark-submit's, else local[*])")
    String master;
    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting (repeatable)")
    List<String> conf = new ArrayList<>();

    /** json or parquet, in lower case. */
    static String outputFormat(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("parquet")) {
            throw new IllegalArgumentException("--format must be json or parquet, got '" + format + "'");
        }
        return f;
    }

    @Override
    public void run() {
        String f = outputFormat(format);
        CharLmCheckpoint.Loaded model = CharLmCheckpoint.loadModel(checkpoint);
        SparkPaths.requireInput("--data", data, true);
        SparkPaths.requireNewOutput("--out", out);
        SparkSession spark = SparkSessions.start(master, "rnn4j score", conf);
        try {
            Dataset<Row> scores = CharLmScoring.score(spark, model.model(), model.vocabulary(),
                    TextLines.read(SparkSessions.context(spark), data));
            scores.cache();
            if (f.equals("json")) scores.write().json(out);
            else scores.write().parquet(out);
            Row total = scores.agg(functions.count("line"),
                    functions.sum(functions.col("loss").multiply(functions.col("chars"))),
                    functions.sum(functions.when(functions.col("loss").isNotNull(), functions.col("chars")))).first();
            long lines = total.getLong(0);
            double chars = total.isNullAt(2) ? 0 : total.getLong(2);
            double mean = chars == 0 ? Double.NaN : total.getDouble(1) / chars;
            System.out.printf(Locale.ROOT,
                    "%,d lines scored into %s (%s); %,.0f characters, mean %.4f nats/char (%.3f bits/char)%n",
                    lines, out, f, chars, mean, mean / Math.log(2));
        } finally {
            spark.stop();
        }
    }
}
