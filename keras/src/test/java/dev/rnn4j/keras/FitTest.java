package dev.rnn4j.keras;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** compile / fit / evaluate / predict on small synthetic tasks that run in a second or two. */
class FitTest {
    /** Right-padded sequences of 3..8 tokens from 1..9; the label says whether token 3 occurs. */
    record Task(Tensor x, Tensor y) {
        static Task containsThree(int n, long seed) {
            Rng rng = new Rng(seed);
            int[][] rows = new int[n][];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = new int[3 + rng.nextInt(6)];
                boolean positive = rng.nextInt(2) == 0;
                for (int t = 0; t < rows[i].length; t++) {
                    int id;
                    do id = 1 + rng.nextInt(9); while (id == 3);
                    rows[i][t] = id;
                }
                if (positive) rows[i][rng.nextInt(rows[i].length)] = 3;
                labels[i] = positive ? 1 : 0;
            }
            return new Task(Inputs.padPost(rows, 8), Inputs.binaryLabels(labels));
        }
    }

    private static Sequential imdbShaped(long seed) {
        return Sequential.of(new Embedding(10, 8).maskZero(true), new SimpleRNN(16), new Dense(1, Activation.SIGMOID))
                .seed(seed);
    }

    @Test
    void learnsWhetherASequenceContainsToken3() {
        Task train = Task.containsThree(512, 1), test = Task.containsThree(256, 2);
        Sequential model = imdbShaped(3);
        model.compile(KerasOptimizers.adam(0.01), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY);
        History h = model.fit(train.x(), train.y(), 15, 32, 0.2);
        assertEquals(15, h.epochs().size());
        assertTrue(h.last().loss() < h.epochs().get(0).loss(), "training loss falls");
        Scores s = model.evaluate(test.x(), test.y());
        assertTrue(s.accuracy() > 0.95, "test accuracy " + s.accuracy() + ", history " + h);
        Tensor p = model.predict(test.x());
        assertArrayEquals(new int[] {256, 1}, p.shape());
        int agree = 0;
        for (int i = 0; i < 256; i++) if ((p.data()[i] > 0.5f) == (test.y().data()[i] > 0.5f)) agree++;
        assertEquals(s.accuracy(), agree / 256.0, 1e-12, "predict agrees with evaluate");
    }

    @Test
    void sparseCategoricalPerStepWithMaskingLearns() {
        // Tag each step with whether its token is odd or even (2 classes), on padded sequences.
        Task t = Task.containsThree(256, 4);
        float[] tags = new float[256 * 8];
        for (int i = 0; i < tags.length; i++) tags[i] = t.x().data()[i] % 2;
        Sequential model = Sequential.of(new Embedding(10, 8).maskZero(true), new GRU(8).returnSequences(true),
                new Dense(2, Activation.SOFTMAX)).seed(1);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = model.fit(t.x(), new Tensor(tags, 256, 8), FitConfig.defaults().withEpochs(8).withBatchSize(16));
        assertTrue(h.last().accuracy() > 0.95, "per-step accuracy " + h.last().accuracy());
    }

    @Test
    void sameSeedSameHistoryOtherSeedOtherHistory() {
        Task t = Task.containsThree(128, 5);
        double[][] runs = new double[3][];
        long[] seeds = {7, 7, 8};
        for (int r = 0; r < 3; r++) {
            Sequential m = Sequential.of(new Embedding(10, 8).maskZero(true), new LSTM(8), new Dropout(0.3),
                    new Dense(1, Activation.SIGMOID)).seed(seeds[r]);
            m.compile(KerasOptimizers.rmsprop(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY);
            History h = m.fit(t.x(), t.y(), 3, 16, 0.25);
            runs[r] = concat(h.loss(), h.accuracy(), h.valLoss(), h.valAccuracy());
        }
        // Same seed, same shuffles, masks and initial weights. The gate kernels' vector exp/tanh can differ by
        // an ulp between interpreted and JIT-compiled code, so the comparison allows float rounding.
        assertArrayEquals(runs[0], runs[1], 1e-6);
        double maxDiff = 0;
        for (int i = 0; i < runs[0].length; i++) maxDiff = Math.max(maxDiff, Math.abs(runs[0][i] - runs[2][i]));
        assertTrue(maxDiff > 1e-3, "another seed gives another run");
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        // Random labels: the model can only memorise, so validation loss soon rises.
        Task t = Task.containsThree(160, 6);
        Rng rng = new Rng(9);
        for (int i = 0; i < 160; i++) t.y().data()[i] = rng.nextInt(2);
        Sequential model = Sequential.of(new Embedding(10, 16), new LSTM(32), new Dense(1, Activation.SIGMOID)).seed(2);
        model.compile(KerasOptimizers.adam(0.02), Loss.BINARY_CROSSENTROPY);
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEarlyStop(int epoch, int bestEpoch) { events.add("stop " + epoch + " best " + bestEpoch); }
        };
        History h = model.fit(t.x(), t.y(),
                FitConfig.defaults().withEpochs(100).withBatchSize(16).withValidationSplit(0.25)
                .withEarlyStopping(EarlyStopping.onValLoss(2).withRestoreBestWeights(true)).withListener(listener));
        assertTrue(h.stoppedEarly());
        int last = h.epochs().size();
        assertTrue(last < 100);
        assertEquals(last - 2, h.bestEpoch(), "stops after patience epochs without improvement");
        assertEquals(List.of("stop " + last + " best " + h.bestEpoch()), events);
        double best = h.valLoss()[h.bestEpoch() - 1];
        for (double v : h.valLoss()) assertTrue(v >= best);
        Tensor vx = Fitting.rows(t.x(), Fitting.range(120, 160), 0, 40),
                vy = Fitting.rows(t.y(), Fitting.range(120, 160), 0, 40);
        // Within float rounding of the kernels (see sameSeedSameHistory...); the last epoch's weights differ
        // by far more.
        assertEquals(best, model.evaluate(vx, vy, 16).loss(), 1e-6, "best weights restored");
        assertTrue(Math.abs(h.last().valLoss() - best) > 1e-3);
        assertTrue(Double.isNaN(h.last().accuracy()), "no accuracy without the metric");
    }

    @Test
    void listenerSeesEveryBatchAndConsoleProgressPrintsOneLinePerEpoch() {
        Task t = Task.containsThree(100, 7);
        Sequential model = imdbShaped(1);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] batches = {0};
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int step, int steps, double meanLoss) {
                batches[0]++;
                assertEquals(3, steps);     // 80 training examples in batches of 32
            }
        };
        model.fit(t.x(), t.y(), FitConfig.defaults().withEpochs(2).withValidationSplit(0.2).withListener(counter)
                .withListener(ConsoleProgress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8))));
        assertEquals(6, batches[0]);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].matches("Epoch 2/2 - 3 steps - \\d+\\.\\ds - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - "
                + "val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}"), lines[1]);
    }

    @Test
    void barIsKerasShapedAndEndsInTheEpochLine() {
        assertEquals(" 37/157 [======>.......................] - ETA: 11s - loss: 0.5213",
                ConsoleProgress.barLine(37, 157, 3.5, 0.52134));
        assertEquals("3/3 [==============================] - ETA: 0s - loss: 0.1000",
                ConsoleProgress.barLine(3, 3, 1, 0.1));
        Task t = Task.containsThree(100, 7);
        Sequential model = imdbShaped(1);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.fit(t.x(), t.y(), FitConfig.defaults().withEpochs(1)
                .withListener(ConsoleProgress.bar(new PrintStream(bytes, true, StandardCharsets.UTF_8))));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("4/4 [==============================]"), out);   // the last batch is always drawn
        assertTrue(out.endsWith("\r\033[K" + out.substring(out.lastIndexOf("Epoch 1/1"))), out);
    }

    @Test
    void floatInputsBuildFromTheData() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 64, 5, 2), y = new Tensor(new float[64], 64, 1);
        for (int i = 0; i < 64; i++) y.data()[i] = x.get(i, 4, 0) + x.get(i, 0, 1);   // a sum of two inputs
        Sequential model = Sequential.of(new Bidirectional(new SimpleRNN(8)), new Dense(1));
        model.compile(KerasOptimizers.adam(0.01), Loss.MSE);
        History h = model.fit(x, y, 30, 16, 0);
        assertTrue(h.last().loss() < 0.2 * h.epochs().get(0).loss(), "mse falls: " + h.last().loss());
        assertTrue(model.summary(SummaryStyle.KERAS2)
                .contains(" bidirectional (Bidirectiona  (None, 16)               176\n"),
                model.summary(SummaryStyle.KERAS2));   // 2·8·(2+8+1)
    }

    @Test
    void errorsNameWhatIsWrong() {
        Sequential model = imdbShaped(0);
        Task t = Task.containsThree(10, 1);
        IllegalStateException notCompiled =
                assertThrows(IllegalStateException.class, () -> model.fit(t.x(), t.y(), 1, 4, 0));
        assertTrue(notCompiled.getMessage().contains("compile"));
        model.compile("sgd", "binary_crossentropy");
        IllegalArgumentException badLabels = assertThrows(IllegalArgumentException.class,
                () -> model.fit(t.x(), new Tensor(new float[20], 10, 2), 1, 4, 0));
        assertTrue(badLabels.getMessage().contains("output [4, 1], targets [4, 2]"), badLabels.getMessage());
        IllegalArgumentException leftPadded = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Inputs.tokens(new int[][] {{0, 0, 5, 6}})));
        assertTrue(leftPadded.getMessage().contains("right-padded"), leftPadded.getMessage());
        IllegalArgumentException badId =
                assertThrows(IllegalArgumentException.class, () -> model.predict(Inputs.tokens(new int[][] {{12}})));
        assertTrue(badId.getMessage().contains("[0, 10)"), badId.getMessage());
        assertThrows(IllegalStateException.class, () -> model.seed(3));
        assertThrows(IllegalArgumentException.class, () -> model.compile("adam", "mse", "acc"));
    }

    @Test
    void targetsTheLossCannotUseAreRefusedBeforeAnyWork() {
        Task t = Task.containsThree(16, 8);
        Sequential model = imdbShaped(3);
        model.compile("adam", "binary_crossentropy", "accuracy");
        float[] nan = t.y().data().clone(), three = t.y().data().clone();
        nan[5] = Float.NaN;
        three[2] = 3f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(t.x(), new Tensor(nan, t.y().shape()), 1, 8, 0));
        assertEquals("y must hold finite numbers, got NaN at index 5 of y [16, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.evaluate(t.x(), new Tensor(three, t.y().shape())));
        assertEquals("binary_crossentropy expects targets in [0, 1], got 3.0 at index 2 of y [16, 1]", e.getMessage());
        Sequential tagger = Sequential.of(new Embedding(10, 8), new GRU(4).returnSequences(true),
                new Dense(2, Activation.SOFTMAX)).seed(1);
        tagger.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        float[] ids = new float[16 * 8];
        ids[9] = 2f;                                      // a third class of a 2-class output
        e = assertThrows(IllegalArgumentException.class, () -> tagger.fit(t.x(), new Tensor(ids, 16, 8), 1, 8, 0));
        assertTrue(e.getMessage().startsWith("sparse_categorical_crossentropy expects class ids in [0, 2), got 2.0"),
                e.getMessage());
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
