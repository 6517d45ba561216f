package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Rng;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The fixed tree in which partitions' gradients are added, alone and on Spark with 1 and 3 executor threads. */
class TreeSumTest {
    @TempDir
    Path dir;

    @Test
    void theTreeHasOneShapeForEachNumberOfParts() {
        // Values whose float sums depend on the order: 1e8 + 1 - 1e8 is 0 one way and 1 another.
        List<Double> five = List.of(1e17, 1.0, -1e17, 1.0, 3.0);
        assertEquals(((1e17 + 1.0) + (-1e17 + 1.0)) + 3.0, TreeSum.ofDoubles(five));
        List<Double> withEmpty = Arrays.asList(1e17, null, -1e17, 1.0, null);
        assertEquals(1e17 + (-1e17 + 1.0), TreeSum.ofDoubles(withEmpty));   // 0, not 1
        assertNull(TreeSum.of(Arrays.asList(null, null), TreeSum::add));
        assertEquals(0, TreeSum.ofDoubles(List.of()));
    }

    @Test
    void blocksAddedFirstGiveTheSameBitsAsTheWholeTree() {
        Rng rng = new Rng(5);
        for (int p = 1; p <= 19; p++) {
            List<float[]> parts = new ArrayList<>();
            for (int i = 0; i < p; i++) {
                float[] g = new float[64];
                for (int j = 0; j < g.length; j++) g[j] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(8)));
                parts.add(i % 5 == 3 ? null : g);   // some empty partitions
            }
            float[] whole = TreeSum.of(parts, TreeSum::add);
            for (int block : new int[] {1, 2, 4, 8}) {
                List<float[]> blocks = new ArrayList<>();
                for (int start = 0; start < p; start += block) {
                    blocks.add(TreeSum.of(parts.subList(start, Math.min(p, start + block)), TreeSum::add));
                }
                assertArrayEquals(whole, TreeSum.of(blocks, TreeSum::add), p + " parts, blocks of " + block);
            }
        }
    }

    /** One run's losses, validation losses and final weights. */
    record Run(List<Double> losses, List<Double> validations, float[] weights) {}

    Run train(String master, int block) {
        String text = TestCorpus.text(6_000, 13);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster(master).setAppName("rnn4j-tree")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"))) {
            SparkCorpus corpus = SparkCorpus.read(sc, TestCorpus.write(dir, "text.txt", text).toString());
            CharLanguageModel model = new CharLanguageModel(
                    new CharLmConfig(RecurrentKind.LSTM, corpus.vocabulary().size(), 16, 1, 0.2f, 7));
            TrainConfig config = new TrainConfig(10, 16, "adam", 5e-3, 1.0, 10, 1.0, 0, 4, Duration.ZERO, 0.1, 2, 0,
                    3);
            RecordingListener r = new RecordingListener();
            try (SparkTraining run = SparkTraining.create(sc, corpus, corpus.vocabulary(), model, config, 5, block)) {
                run.trainer().run(r);
            }
            return new Run(r.losses, r.validations, SparkBatchGradients.weights(model));
        }
    }

    @Test
    void aRunIsTheSameBitsOnOneOrThreeExecutorThreadsWithBlocksOnExecutorsOrNot() {
        Run reference = train("local[1]", 8);   // 5 partitions: all added on the driver
        Run other = train("local[3]", 2);        // blocks of 2 added on executors, tasks finishing in any order
        assertEquals(4, reference.losses().size());
        assertEquals(reference.losses(), other.losses(), "every step's loss, to the bit");
        assertEquals(reference.validations(), other.validations());
        assertArrayEquals(reference.weights(), other.weights(), "the final weights, to the bit");
    }
}
