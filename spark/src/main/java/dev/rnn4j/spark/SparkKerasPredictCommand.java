package dev.rnn4j.spark;

import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.io.KerasModels;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code rnn4j spark keras-predict}: a Keras model's predictions for a data set of texts, on Spark. */
@Command(name = "keras-predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict with a Keras model file over a data set of texts on Spark: the model is broadcast "
                + "once, each partition tokenizes its texts (as TextVectorization does) and predicts them in batches.",
                "Writes the input's rows with a prediction column (the model's outputs), as JSON lines or Parquet."})
final class SparkKerasPredictCommand implements Runnable {
    @Parameters(paramLabel = "FILE", description = "a Keras model file (.keras or legacy .h5) taking token ids")
    Path file;
    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "one text per line, or JSON lines with --column: a path or Hadoop URI (files or a directory)")
    String data;
    @Option(names = "--column", paramLabel = "NAME",
            description = "read --data as JSON lines and predict this field's texts (default: plain text lines)")
    String column;
    @Option(names = "--vocab", required = true, paramLabel = "FILE",
            description = "the tokens, one per line, line i being id i (TextVectorization's get_vocabulary())")
    Path vocab;
    @Option(names = "--tokens", defaultValue = "words",
            description = "words (lower case, punctuation removed, split on spaces) or chars "
                    + "(default: ${DEFAULT-VALUE})")
    String tokens;
    @Option(names = "--length", paramLabel = "T",
            description = "token ids per text, cut or padded with 0 after (default: the model's input length)")
    Integer length;
    @Option(names = "--batch-size", defaultValue = "64", description = "texts per batch (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "where to write the predictions (a directory of part files)")
    String out;
    @Mixin
    TableFormat format = new TableFormat();
    @Mixin
    SparkJobOptions job = new SparkJobOptions();

    @Override
    public void run() {
        String f = format.checked();
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        boolean chars = switch (tokens.toLowerCase(Locale.ROOT)) {
            case "words" -> false;
            case "chars" -> true;
            default -> throw new IllegalArgumentException("--tokens must be words or chars, got '" + tokens + "'");
        };
        Sequential model = KerasModels.load(SparkPaths.requireSmallFile(null, file));
        if (model.isStateful()) {
            throw new IllegalArgumentException(file + " has a stateful recurrent layer, whose outputs depend on the "
                    + "rows scored before; a cluster scores rows independently: save the model with stateful=False");
        }
        List<String> vocabulary = readVocabulary(SparkPaths.requireSmallFile("--vocab", vocab));
        int t = length != null ? length : inputLength(model);
        TextTokens encoder = TextTokens.of(vocabulary, chars, t);
        SparkPaths.requireInput("--data", data, true);
        SparkPaths.requireNewOutput("--out", out);
        SparkSession spark = job.start("rnn4j keras-predict");
        try {
            Dataset<Row> rows = input(spark);
            String col = column != null ? column : "text";
            Dataset<Row> predicted = KerasPredict.predict(spark, rows, col, file, encoder, batchSize);
            format.write(predicted, out);
            System.out.printf(Locale.ROOT, "%,d texts predicted into %s (%s), %d tokens each%n", rows.count(), out,
                    f, t);
        } finally {
            spark.stop();
        }
    }

    /** Plain lines as (line, text); JSON lines as their own columns. */
    private Dataset<Row> input(SparkSession spark) {
        org.apache.spark.api.java.JavaPairRDD<String, Long> lines = TextLines.read(SparkSessions.context(spark), data);
        if (column == null) {
            StructType schema = new StructType().add("line", DataTypes.LongType, false)
                    .add("text", DataTypes.StringType, false);
            return spark.createDataFrame(lines.map(l -> RowFactory.create(l._2(), l._1())), schema);
        }
        Dataset<String> json = spark.createDataset(lines.map(scala.Tuple2::_1).rdd(), Encoders.STRING());
        Dataset<Row> rows = spark.read().option("mode", "FAILFAST").json(json);
        if (!List.of(rows.columns()).contains(column)) {
            throw new IllegalArgumentException(data + " has no field '" + column + "' (it has "
                    + List.of(rows.columns()) + "); pass one of them with --column");
        }
        return rows.filter(rows.col(column).isNotNull());
    }

    private static int inputLength(Sequential model) {
        var shape = model.inputShape();
        if (shape == null || shape.rank() != 2 || shape.dim(1) < 1) {
            throw new IllegalArgumentException("the model takes inputs of shape " + shape
                    + ", not a fixed number of token ids; pass --length");
        }
        return shape.dim(1);
    }

    private static List<String> readVocabulary(Path file) {
        try {
            List<String> v = Files.readAllLines(file);
            if (v.isEmpty()) throw new IllegalArgumentException("--vocab " + file + " is empty: pass a file with one "
                    + "token a line");
            return v;
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("--vocab " + file + " is not valid UTF-8; convert it first, e.g. "
                    + "iconv -f LATIN1 -t UTF-8");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage() + "; check the path");
        }
    }
}
