package dev.rnn4j.keras.io;

import dev.rnn4j.io.Npy;
import dev.rnn4j.keras.Scores;
import dev.rnn4j.keras.Recurrent;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each model file of src/test/resources/models (real Keras 3.6 files and files gen.py wrote in Keras's layouts)
 * predicts what the independent NumPy reference of gen.py computed from the same file.
 */
class KerasModelsTest {
    static final Path DIR = Path.of("src/test/resources/models");
    /** float32 against the float64 reference over up to 100 steps: a few float32 ulps of values of order 1. */
    static final double TOLERANCE = 2e-5;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"imdb-lstm.keras", "imdb-2lstm.keras", "imdb-gru.keras", "gru-reset-before.keras",
            "bidirectional-masked.keras", "simple-rnn-time-distributed.keras", "bidirectional-modes-masking.keras",
            "lstm-go-backwards.keras", "gru-max-pooling.keras", "hard-sigmoid.keras", "keras2-gru.h5",
            "keras2-bidirectional.h5",
            "keras2-hard-sigmoid.h5", "keras2-old-defaults.h5", "functional-chain.keras", "keras2-functional.h5",
            "masked-sequences.keras", "masked-zero-last.keras", "masked-max-pooling.keras",
            "gru-hard-sigmoid-reset-after.keras", "keras2-gru-hard-sigmoid-reset-after.h5"})
    void predictsTheReferenceOutputs(String file) throws IOException {
        Sequential model = KerasModels.load(DIR.resolve(file));
        String stem = file.substring(0, file.lastIndexOf('.'));
        Tensor x = Npy.read(DIR.resolve("x_" + stem + ".npy")).toTensor();
        Tensor expected = Npy.read(DIR.resolve("y_" + stem + ".npy")).toTensor();
        Tensor y = model.predict(x, 3);     // batches of 3: a last partial batch too
        assertArrayEquals(expected.shape(), y.shape(), file);
        double worst = maxAbsError(expected, y);
        System.out.printf("%s: max abs error %.3g over %d values%n", file, worst, y.numel());
        assertTrue(worst < TOLERANCE, file + ": max abs error " + worst);
    }

    @Test
    void evaluatesWithTheCompiledLossAndAccuracy() throws IOException {
        Sequential model = KerasModels.load(DIR.resolve("imdb-lstm.keras"));
        Tensor x = Npy.read(DIR.resolve("x_imdb-lstm.npy")).toTensor();
        Tensor labels = Npy.read(DIR.resolve("labels_imdb-lstm.npy")).toTensor();
        Scores s = model.evaluate(x, labels);
        Map<String, Object> expected = evaluateReference();
        assertEquals((double) expected.get("loss"), s.loss(), 1e-5);
        assertEquals((double) expected.get("accuracy"), s.accuracy(), 1e-12);
    }

    @Test
    void trainsFurtherWithTheFilesCompileSettings() throws IOException {
        Sequential model = KerasModels.load(DIR.resolve("imdb-gru.keras"));
        Tensor x = Npy.read(DIR.resolve("x_imdb-gru.npy")).toTensor();
        Tensor labels = Npy.read(DIR.resolve("labels_imdb-lstm.npy")).toTensor();
        double before = model.evaluate(x, labels).loss();
        model.fit(x, labels, 20, 8, 0);     // RMSprop at the file's learning rate 1e-4
        double after = model.evaluate(x, labels).loss();
        assertTrue(after < before, "loss " + before + " -> " + after);
    }

    @Test
    void theRealFilesDropoutSettingsLoad() {
        // Keras 3.6 saved imdb-2lstm with LSTM(8, dropout=0.3) twice (its config.json); fit applies them
        Sequential lstms = KerasModels.load(DIR.resolve("imdb-2lstm.keras"));
        for (int i : new int[] {1, 2}) {
            Recurrent r = (Recurrent) lstms.layers().get(i);
            assertEquals(0.3, r.dropout(), 1e-7);
            assertEquals(0.0, r.recurrentDropout());
            assertEquals(2, r.implementation());
        }
        for (String file : new String[] {"imdb-gru.keras", "imdb-lstm.keras"}) {
            assertEquals(0.0, ((Recurrent) KerasModels.load(DIR.resolve(file)).layers().get(1)).dropout(), file);
        }
    }

    @Test
    void summaryShowsKerasParameterCounts() {
        Sequential model = KerasModels.load(DIR.resolve("imdb-2lstm.keras"));
        String summary = model.summary();
        assertTrue(summary.contains(" Trainable params: 9,353 (36.54 KB)\n"), summary);
        assertTrue(summary.contains("(None, 100, 8)"), summary);
        assertTrue(summary.startsWith("Model: \"sequential_2\""), summary);
        assertTrue(summary.contains("lstm_3 (LSTM)"), summary);
    }

    @Test
    void theFilesOptimizerStateComesAlongAsKeras3Counts() throws IOException {
        // Keras 3 loads RMSprop's step counter, learning rate and one velocity per weight with the model.
        Sequential model = KerasModels.load(DIR.resolve("imdb-lstm.keras"));
        String summary = model.summary();
        assertTrue(summary.endsWith(" Total params: 17,620 (68.83 KB)\n Trainable params: 8,809 (34.41 KB)\n"
                + " Non-trainable params: 0 (0.00 B)\n Optimizer params: 8,811 (34.42 KB)\n"), summary);
        dev.rnn4j.optim.OptimizerState s = model.startOptimizer().exportState();
        assertEquals("RMSprop", s.optimizer());
        assertTrue(s.step() > 0, "step " + s.step());
        // The velocities are squared gradients' averages: non-negative, and not all zero after training.
        double sum = 0;
        for (float[] v : s.buffers().values()) {
            for (float f : v) {
                assertTrue(f >= 0, "velocity " + f);
                sum += f;
            }
        }
        assertTrue(sum > 0);
        // The LSTM kernel's velocity (Keras variable 1, slot 3 after the step counter and learning rate) arrives
        // in PyTorch's layout like the kernel itself: weight_ih_l0 (4·8, 16) is the kernel (16, 4·8) transposed.
        byte[] weights;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(DIR.resolve("imdb-lstm.keras").toFile())) {
            weights = zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes();
        }
        Hdf5Weights h5 = new Hdf5Weights(io.jhdf.HdfFile.fromBytes(weights), "imdb-lstm.keras");
        Hdf5Weights.Array kernelVelocity = h5.vars("optimizer/vars", 3).getFirst();
        assertArrayEquals(new int[] {16, 32}, kernelVelocity.shape());
        float[] loaded = s.buffers().get("1.square_avg");
        for (int r = 0; r < 32; r++) {
            for (int c = 0; c < 16; c++) assertEquals(kernelVelocity.values()[c * 32 + r], loaded[r * 16 + c]);
        }
    }

    @Test
    void functionalSummaryListsTheInputLayerFirstAsKeras3Does() {
        String summary = KerasModels.load(DIR.resolve("functional-chain.keras")).summary();
        assertTrue(summary.startsWith("Model: \"functional\"\n"), summary);
        assertTrue(summary.contains("┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n"
                + "│ input_layer (InputLayer)        │ (None, 9)              │             0 │\n"), summary);
        assertTrue(summary.contains("│ gru (GRU)                       │ (None, 3)              │           117 │\n"),
                summary);    // 3·3·(8 + 3 + 2)
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evaluateReference() throws IOException {
        Map<String, Object> all = dev.rnn4j.io.Json.parseObject(Files.readString(DIR.resolve("expected.json")));
        return (Map<String, Object>) all.get("evaluate_imdb-lstm");
    }

    static double maxAbsError(Tensor a, Tensor b) {
        double worst = 0;
        for (int i = 0; i < a.numel(); i++) worst = Math.max(worst, Math.abs(a.data()[i] - b.data()[i]));
        return worst;
    }
}
