package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.RecurrentState;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.text.Vocabulary;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Per-line loss of a character LM over a text data set, on the cluster: the model is broadcast once, each
 * partition scores its lines. A line is read from a zero state, each character predicting the next and the last
 * predicting the line's end ({@code \n}), as the model saw lines in training; the first character has no context
 * and is not scored.
 *
 * <pre>{@code
 * Dataset<Row> scores = CharLmScoring.score(spark, model, vocabulary, spark.read().textFile("hdfs:///lines.txt"));
 * scores.write().parquet("hdfs:///scores");   // line, chars, loss (nats/char), bpc
 * }</pre>
 *
 * A line with a character outside the vocabulary gets null loss and bpc (its {@code unknown} column counts them),
 * as does an empty line.
 */
public final class CharLmScoring {
    /** The columns written: the line's index in the data set, characters scored, mean loss, bits per char. */
    public static final StructType SCHEMA = new StructType()
            .add("line", DataTypes.LongType, false)
            .add("chars", DataTypes.IntegerType, false)
            .add("unknown", DataTypes.IntegerType, false)
            .add("loss", DataTypes.DoubleType, true)
            .add("bpc", DataTypes.DoubleType, true);

    /** What executors need of the model: its shape, its weights and its characters. */
    record Broadcastable(CharLmConfig config, float[] weights, int[] codePoints) implements Serializable {}

    private CharLmScoring() {}

    public static Dataset<Row> score(SparkSession spark, CharLanguageModel model, Vocabulary vocabulary,
            Dataset<String> lines) {
        return score(spark, model, vocabulary, lines.javaRDD().zipWithIndex());
    }

    /** Scores (line, index) pairs, as {@link TextLines#read} gives them. */
    static Dataset<Row> score(SparkSession spark, CharLanguageModel model, Vocabulary vocabulary,
            JavaPairRDD<String, Long> lines) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Broadcastable> shared = sc.broadcast(
                new Broadcastable(model.config(), SparkBatchGradients.weights(model), vocabulary.codePoints()));
        JavaRDD<Row> rows = lines.mapPartitions(it -> scorePartition(it, shared.value()));
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Iterator<Row> scorePartition(Iterator<scala.Tuple2<String, Long>> lines, Broadcastable m) {
        List<Row> out = new ArrayList<>();
        ExecutorModels.Replica replica = ExecutorModels.borrow(m.config());
        try {
            replica.load(m.weights());
            CharLanguageModel model = replica.model();
            model.train(false);
            Vocabulary vocabulary = Vocabulary.fromCodePoints(m.codePoints());
            CrossEntropy crossEntropy = new CrossEntropy();
            while (lines.hasNext()) {
                var line = lines.next();
                out.add(scoreLine(model, vocabulary, crossEntropy, line._1(), line._2()));
            }
        } finally {
            ExecutorModels.giveBack(m.config(), replica);
        }
        return out.iterator();
    }

    static Row scoreLine(CharLanguageModel model, Vocabulary vocabulary, CrossEntropy crossEntropy, String text,
            long index) {
        int[] cps = (text + "\n").codePoints().toArray();
        int n = cps.length - 1, unknown = 0;
        for (int i = 0; i < n; i++) if (!vocabulary.contains(cps[i])) unknown++;
        if (n == 0 || unknown > 0 || !vocabulary.contains('\n')) return RowFactory.create(index, n, unknown, null,
                null);
        int[] ids = new int[n + 1];
        for (int i = 0; i <= n; i++) ids[i] = vocabulary.id(cps[i]);
        int[] x = java.util.Arrays.copyOfRange(ids, 0, n), y = java.util.Arrays.copyOfRange(ids, 1, n + 1);
        RecurrentState state = model.zeroState(1);
        float[] logits = model.logits(x, 1, n, state);
        double loss = crossEntropy.compute(logits, n, model.config().vocabSize(), y, null);
        return RowFactory.create(index, n, unknown, loss, loss / Math.log(2));
    }
}
