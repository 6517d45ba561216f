package dev.rnn4j.spark;

import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Tensor;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Keras-style {@code predict} over a column of texts, on the cluster: the model is broadcast once (each executor
 * fetches it once), each partition builds it and predicts its rows in batches. The result is the input with a
 * {@code prediction} column (the model's outputs for the row, e.g. one probability). The model is a Keras file
 * ({@code .keras} or {@code .h5}, as {@code KerasModels.load} reads it), or a {@code Sequential} in memory: then its
 * weights are broadcast and a serializable recipe rebuilds its architecture.
 *
 * <pre>{@code
 * Dataset<Row> out = KerasPredict.predict(spark, reviews, "text", Path.of("imdb.keras"), encoder, 64);
 * KerasPredict.Recipe recipe = () -> Sequential.of(new Embedding(V, 16), new LSTM(16),
 *         new Dense(1, Activation.SIGMOID)).seed(1).build(T);
 * Dataset<Row> same = KerasPredict.predict(spark, reviews, "text", recipe, trained, encoder, 64);
 * }</pre>
 */
public final class KerasPredict {
    /** Builds the model's architecture (already built for its input shape); the weights come from the broadcast. */
    @FunctionalInterface
    public interface Recipe extends Serializable {
        Sequential build() throws IOException;
    }

    /** Turns a text into the model's input row: token ids, all texts to the same length (padded, truncated). */
    @FunctionalInterface
    public interface TextEncoder extends Serializable {
        int[] encode(String text);
    }

    private KerasPredict() {}

    public static Dataset<Row> predict(SparkSession spark, Dataset<Row> data, String column, Recipe recipe,
                                       Sequential trained, TextEncoder encoder, int batchSize) {
        if (trained.isStateful()) {
            throw new IllegalArgumentException("the model has a stateful recurrent layer, whose outputs depend on the "
                    + "rows scored before; a cluster scores rows independently: use a stateless model");
        }
        Broadcast<float[]> weights = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(FlatWeights.of(trained.parameters()));
        return predict(spark, data, column, () -> load(recipe.build(), weights.value()), encoder, batchSize);
    }

    /** Predicts with the model of a Keras file, read here and broadcast; executors load it once per partition. */
    public static Dataset<Row> predict(SparkSession spark, Dataset<Row> data, String column, Path kerasFile,
                                       TextEncoder encoder, int batchSize) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(kerasFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + kerasFile + ": " + e.getMessage());
        }
        String suffix = kerasFile.getFileName().toString().endsWith(".h5") ? ".h5" : ".keras";
        Broadcast<byte[]> file = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        return predict(spark, data, column, () -> loadFile(file.value(), suffix), encoder, batchSize);
    }

    private static Dataset<Row> predict(SparkSession spark, Dataset<Row> data, String column, Recipe ready,
                                        TextEncoder encoder, int batchSize) {
        int at = List.of(data.columns()).indexOf(column);
        if (at < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in the data; it has "
                    + List.of(data.columns()) + ": pass one of them");
        }
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        JavaRDD<Row> rows = data.javaRDD().mapPartitions(it -> predictPartition(it, at, ready, encoder, batchSize));
        StructType schema = data.schema().add("prediction", DataTypes.createArrayType(DataTypes.FloatType, false),
                false);
        return spark.createDataFrame(rows, schema);
    }

    private static Iterator<Row> predictPartition(Iterator<Row> in, int column, Recipe ready, TextEncoder encoder,
                                                  int batchSize) throws IOException {
        if (!in.hasNext()) return java.util.Collections.emptyIterator();
        Sequential model = ready.build();
        List<Row> out = new ArrayList<>();
        List<Row> batch = new ArrayList<>(batchSize);
        while (in.hasNext()) {
            batch.add(in.next());
            if (batch.size() == batchSize || !in.hasNext()) {
                predictBatch(model, batch, column, encoder, out);
                batch.clear();
            }
        }
        return out.iterator();
    }

    private static void predictBatch(Sequential model, List<Row> batch, int column, TextEncoder encoder,
            List<Row> out) {
        int[][] ids = new int[batch.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = encoder.encode(batch.get(i).getString(column));
            if (ids[i].length != ids[0].length) {
                throw new IllegalArgumentException("the encoder gave rows of " + ids[0].length + " and " + ids[i].length
                        + " ids; pad or truncate every text to one length");
            }
        }
        int t = ids[0].length;
        float[] x = new float[ids.length * t];
        for (int i = 0; i < ids.length; i++) for (int j = 0; j < t; j++) x[i * t + j] = ids[i][j];
        Tensor y = model.predict(new Tensor(x, ids.length, t), ids.length);
        int k = y.data().length / ids.length;
        for (int i = 0; i < ids.length; i++) {
            Row r = batch.get(i);
            Object[] values = new Object[r.length() + 1];
            for (int c = 0; c < r.length(); c++) values[c] = r.get(c);
            float[] p = java.util.Arrays.copyOfRange(y.data(), i * k, (i + 1) * k);
            Float[] boxed = new Float[k];
            for (int j = 0; j < k; j++) boxed[j] = p[j];
            values[r.length()] = boxed;
            out.add(RowFactory.create(values));
        }
    }

    /** A Keras file's bytes as a model: written once to a temporary file of this JVM (the reader takes a path). */
    private static Sequential loadFile(byte[] bytes, String suffix) throws IOException {
        Path file = Files.createTempFile("rnn4j-model-", suffix);
        try {
            Files.write(file, bytes);
            return KerasModels.load(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Sequential load(Sequential model, float[] weights) {
        int off = 0;
        for (Parameter p : model.parameters()) {
            if (off + p.size() > weights.length) {
                throw new IllegalStateException("the recipe's model has more parameters than the trained one's "
                        + weights.length);
            }
            System.arraycopy(weights, off, p.data(), p.offset(), p.size());
            off += p.size();
        }
        if (off != weights.length) {
            throw new IllegalStateException("the recipe's model has " + off + " parameters, the trained one "
                    + weights.length);
        }
        return model;
    }
}
