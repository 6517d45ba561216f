package dev.rnn4j.spark;

import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.text.Vocabulary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Scoring on local[2]: per-line char LM loss and Keras-style predict, against the same model on the driver. */
class SparkScoringTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("rnn4j-scoring-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void everyLineGetsTheLossItHasOnOneMachine() {
        String text = TestCorpus.text(3_000, 3);
        Vocabulary v = Vocabulary.of(text);
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.GRU, v.size(), 16, 1, 0f, 5));
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        lines.add("");            // nothing to score
        lines.add("Kings ~ die");  // '~' is not in the vocabulary
        Dataset<String> data = spark.createDataset(lines, Encoders.STRING()).repartition(1);
        List<Row> rows = CharLmScoring.score(spark, model, v, data).orderBy("line").collectAsList();
        assertEquals(lines.size(), rows.size());
        model.train(false);
        CrossEntropy ce = new CrossEntropy();
        for (Row r : rows) {
            int i = (int) r.getLong(0);
            Row here = CharLmScoring.scoreLine(model, v, ce, lines.get(i), i);
            assertEquals(lines.get(i).codePointCount(0, lines.get(i).length()), r.getInt(1), "chars scored, line " + i);
            if (here.isNullAt(3)) assertTrue(r.isNullAt(3), "line " + i);
            else assertEquals(here.getDouble(3), r.getDouble(3), 1e-6, "line " + i);
        }
        assertTrue(rows.get(lines.size() - 2).isNullAt(3), "an empty line has no loss");
        assertEquals(1, rows.getLast().getInt(2), "one unknown character");
        assertTrue(rows.getLast().isNullAt(4));
        assertTrue(rows.getFirst().getDouble(4) > 1, "bits per char of an untrained model: " + rows.getFirst());
    }

    static Sequential sentimentLike(long seed) {
        return Sequential.of(new Embedding(30, 8), new LSTM(8), new Dense(1, Activation.SIGMOID)).seed(seed).build(12);
    }

    /** Characters a..z as ids 1..26, padded with 0 (and cut) to 12. */
    static int[] encode(String text) {
        int[] ids = new int[12];
        for (int i = 0; i < Math.min(12, text.length()); i++) {
            ids[i] = Math.max(0, Math.min(29, text.charAt(i) - 'a' + 1));
        }
        return ids;
    }

    @Test
    void predictOverAColumnOfTextsEqualsPredictHere() {
        Sequential trained = sentimentLike(1);
        List<String> texts = List.of(TestCorpus.text(2_000, 9).toLowerCase().split("\n"));
        List<Row> input = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) input.add(RowFactory.create((long) i, texts.get(i)));
        StructType schema = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
        Dataset<Row> data = spark.createDataFrame(input, schema).repartition(3);
        KerasPredict.Recipe recipe = () -> sentimentLike(2);   // other initial weights: the broadcast ones must win
        List<Row> out = KerasPredict.predict(spark, data, "text", recipe, trained, SparkScoringTest::encode, 16)
                .orderBy("id").collectAsList();
        assertEquals(texts.size(), out.size());
        float[] x = new float[texts.size() * 12];
        for (int i = 0; i < texts.size(); i++) {
            int[] ids = encode(texts.get(i));
            for (int j = 0; j < 12; j++) x[i * 12 + j] = ids[j];
        }
        Tensor here = trained.predict(new Tensor(x, texts.size(), 12));
        for (Row r : out) {
            int i = (int) r.getLong(0);
            assertEquals(texts.get(i), r.getString(1));
            List<Float> p = r.getList(2);
            assertEquals(1, p.size());
            assertEquals(here.data()[i], p.getFirst(), 1e-6, "row " + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KerasPredict.predict(spark, data, "review", recipe, trained, SparkScoringTest::encode, 16));
        assertTrue(e.getMessage().contains("no column 'review'"), e.getMessage());
    }
}
