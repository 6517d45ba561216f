package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.CharCorpus;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Data-parallel training on local[2] against the same run on one machine. */
class SparkTrainingTest {
    /**
     * Per-step loss tolerance: the partitions' gradients are summed in another order than one GEMM sums them, so
     * the float results differ in the last bits, and Adam carries the difference forward; the bounds
     * over 100 steps, kept by 100 steps of a small model and 40 of a larger one.
     */
    static final double STEP_TOLERANCE = 1e-4;
    static final double VALIDATION_TOLERANCE = 1e-3;
    static final String TEXT = TestCorpus.text(12_000, 7);

    @TempDir
    static Path dir;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("rnn4j-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) sc.stop();
    }

    static TrainConfig config(long steps) {
        return new TrainConfig(8, 16, "adam", 5e-3, 1.0, 10, 1.0, 0, steps, Duration.ZERO, 0.1, 20, 0, 3);
    }

    static CharLanguageModel model(int vocabulary, float dropout) {
        return new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, vocabulary, 24, 2, dropout, 11));
    }

    static RecordingListener oneMachine(TrainConfig config, float dropout) {
        return oneMachine(config, v -> model(v, dropout));
    }

    static RecordingListener oneMachine(TrainConfig config, java.util.function.IntFunction<CharLanguageModel> model) {
        CharCorpus corpus = CharCorpus.of(TEXT, config.valFrac(), 0);
        CharLanguageModel m = model.apply(corpus.vocabulary().size());
        RecordingListener r = new RecordingListener();
        new CharLmTrainer(m, corpus.train(), corpus.validation(), config).run(r);
        return r;
    }

    static RecordingListener onSpark(TrainConfig config, float dropout, int partitions) {
        return onSpark(config, v -> model(v, dropout), partitions);
    }

    static RecordingListener onSpark(TrainConfig config, java.util.function.IntFunction<CharLanguageModel> model,
                                     int partitions) {
        SparkCorpus corpus = SparkCorpus.read(sc, TestCorpus.write(dir, "text.txt", TEXT).toString());
        CharLanguageModel m = model.apply(corpus.vocabulary().size());
        RecordingListener r = new RecordingListener();
        try (SparkTraining run = SparkTraining.create(sc, corpus, corpus.vocabulary(), m, config, partitions)) {
            run.trainer().run(r);
        }
        return r;
    }

    static double maxDifference(List<Double> a, List<Double> b) {
        assertEquals(a.size(), b.size(), "same number of values");
        double max = 0;
        for (int i = 0; i < a.size(); i++) max = Math.max(max, Math.abs(a.get(i) - b.get(i)));
        return max;
    }

    @Test
    void twoAndThreePartitionsFollowTheOneMachineRun() {
        TrainConfig config = config(40);
        RecordingListener single = oneMachine(config, 0f);
        assertEquals(40, single.losses.size());
        for (int partitions : new int[] {2, 3}) {
            RecordingListener spark = onSpark(config, 0f, partitions);
            double steps = maxDifference(single.losses, spark.losses);
            double validation = maxDifference(single.validations, spark.validations);
            System.out.printf("%d partitions: max |loss difference| %.2e over %d steps, validation %.2e over %d%n",
                    partitions, steps, spark.losses.size(), validation, spark.validations.size());
            assertTrue(steps < STEP_TOLERANCE, "step losses differ by " + steps);
            assertTrue(validation < VALIDATION_TOLERANCE, "validation losses differ by " + validation);
            assertTrue(spark.losses.getLast() < spark.losses.getFirst() - 0.5, "the model learns: " + spark.losses);
        }
    }

    /** The weights' moving average is what the driver broadcasts for validation, as one machine validates it. */
    @Test
    void withWeightAveragingTheClusterValidatesTheAverageAsOneMachineDoes() {
        TrainConfig averaged = config(40).withEmaDecay(0.9);
        RecordingListener single = oneMachine(averaged, 0f);
        RecordingListener spark = onSpark(averaged, 0f, 2);
        RecordingListener plain = onSpark(config(40), 0f, 2);
        double validation = maxDifference(single.validations, spark.validations);
        assertTrue(validation < VALIDATION_TOLERANCE, "validation losses differ by " + validation);
        assertEquals(plain.losses, spark.losses, "averaging does not change the training steps");
        assertTrue(maxDifference(plain.validations, spark.validations) > 1e-3,
                "validation scores the average, not the last weights: " + plain.validations + " vs "
                        + spark.validations);
    }

    /** The bounds over its 100 steps, with a model small enough to keep the test short (LSTM 1x16). */
    @Test
    void aHundredStepsStayWithinTheBoundsOnThreePartitions() {
        TrainConfig config = new TrainConfig(8, 16, "adam", 5e-3, 1.0, 10, 1.0, 0, 100, Duration.ZERO, 0.1, 50, 0, 3);
        java.util.function.IntFunction<CharLanguageModel> small = v -> new CharLanguageModel(
                new CharLmConfig(RecurrentKind.LSTM, v, 16, 1, 0f, 11));
        RecordingListener single = oneMachine(config, small);
        RecordingListener spark = onSpark(config, small, 3);
        assertEquals(100, spark.losses.size());
        assertEquals(2, spark.validations.size());
        double steps = maxDifference(single.losses, spark.losses);
        double validation = Math.abs(single.validations.getLast() - spark.validations.getLast());
        System.out.printf("100 steps, 3 partitions: max |loss difference| %.2e, final validation %.2e%n", steps,
                validation);
        assertTrue(steps < STEP_TOLERANCE, "step losses differ by " + steps);
        assertTrue(validation < VALIDATION_TOLERANCE, "the final validation losses differ by " + validation);
        assertTrue(spark.losses.getLast() < spark.losses.getFirst() - 0.5, "the model learns: " + spark.losses);
    }

    @Test
    void aRunIsReproducedBitForBitWithDropoutToo() {
        TrainConfig config = config(12);
        RecordingListener first = onSpark(config, 0.2f, 3);
        RecordingListener second = onSpark(config, 0.2f, 3);
        assertEquals(first.losses, second.losses, "the same bits, run to run");
        assertEquals(first.validations, second.validations);
        assertFalse(Arrays.asList(first.losses.toArray()).contains(Double.NaN));
    }

    /** Weight drop's one mask per batch and the tied weights: the same steps as on one machine. */
    @Test
    void tiedWeightsAndWeightDropFollowTheOneMachineRun() {
        TrainConfig config = config(12);
        java.util.function.IntFunction<CharLanguageModel> regularized = v -> new CharLanguageModel(
                new CharLmConfig(RecurrentKind.LSTM, v, 24, 2, 0f, 11).withRegularization(
                        new CharLmConfig.Regularization(true, CharLmConfig.DropoutMode.STANDARD, 0.3f)));
        RecordingListener single = oneMachine(config, regularized);
        RecordingListener spark = onSpark(config, regularized, 3);
        double steps = maxDifference(single.losses, spark.losses);
        System.out.printf("tied, weight drop 0.3, 3 partitions: max |loss difference| %.2e over %d steps%n", steps,
                spark.losses.size());
        assertTrue(steps < STEP_TOLERANCE, "step losses differ by " + steps);
    }

    @Test
    void lockedDropoutIsReproducedBitForBit() {
        TrainConfig config = config(8);
        java.util.function.IntFunction<CharLanguageModel> locked = v -> new CharLanguageModel(
                new CharLmConfig(RecurrentKind.GRU, v, 24, 2, 0.3f, 11).withRegularization(
                        new CharLmConfig.Regularization(false, CharLmConfig.DropoutMode.LOCKED, 0.2f)));
        RecordingListener first = onSpark(config, locked, 3);
        assertEquals(first.losses, onSpark(config, locked, 3).losses, "the same bits, run to run");
        assertFalse(first.losses.stream().anyMatch(l -> !Double.isFinite(l)), "finite losses: " + first.losses);
    }

    @Test
    void anLstmWithProjectionsAndItsOwnEmbeddingSizeToo() {
        TrainConfig config = config(10);
        java.util.function.IntFunction<CharLanguageModel> projected = v -> new CharLanguageModel(
                new CharLmConfig(RecurrentKind.LSTM, v, 24, 2, 0f, 11).withEmbeddingSize(10).withProjSize(12));
        RecordingListener single = oneMachine(config, projected);
        RecordingListener spark = onSpark(config, projected, 3);
        double steps = maxDifference(single.losses, spark.losses);
        assertTrue(steps < STEP_TOLERANCE, "step losses differ by " + steps);
    }
}
