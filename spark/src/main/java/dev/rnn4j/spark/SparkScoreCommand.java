package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLmCheckpoint;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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
    @Mixin
    TableFormat format = new TableFormat();
    @Mixin
    SparkJobOptions job = new SparkJobOptions();

    @Override
    public void run() {
        String f = format.checked();
        CharLmCheckpoint.Loaded model = CharLmCheckpoint.loadModel(checkpoint);
        SparkPaths.requireInput("--data", data, true);
        SparkPaths.requireNewOutput("--out", out);
        SparkSession spark = job.start("rnn4j score");
        try {
            Dataset<Row> scores = CharLmScoring.score(spark, model.model(), model.vocabulary(),
                    TextLines.read(SparkSessions.context(spark), data));
            scores.cache();
            format.write(scores, out);
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
