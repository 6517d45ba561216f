package dev.rnn4j.keras.io;

import dev.rnn4j.io.Npy;
import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.GRU;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.SummaryStyle;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.*;

/** Save as .keras, load back: the same layers, names, summary and outputs, bit for bit. */
class KerasSaveTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"imdb-2lstm.keras", "imdb-gru.keras", "gru-reset-before.keras",
            "bidirectional-masked.keras", "simple-rnn-time-distributed.keras", "bidirectional-modes-masking.keras",
            "lstm-go-backwards.keras", "gru-max-pooling.keras", "hard-sigmoid.keras", "keras2-gru.h5",
            "keras2-bidirectional.h5", "masked-sequences.keras", "masked-zero-last.keras",
            "gru-hard-sigmoid-reset-after.keras"})
    void savedModelsLoadBackIdentically(String file, @TempDir Path dir) throws IOException {
        Sequential original = KerasModels.load(KerasModelsTest.DIR.resolve(file));
        Path saved = dir.resolve("copy.keras");
        KerasModels.save(original, saved);
        Sequential copy = KerasModels.load(saved);
        // The layer table; the optimizer state a file brings along is not saved (nor are compile settings).
        assertEquals(original.summary(SummaryStyle.KERAS2), copy.summary(SummaryStyle.KERAS2));
        String stem = file.substring(0, file.lastIndexOf('.'));
        Tensor x = Npy.read(KerasModelsTest.DIR.resolve("x_" + stem + ".npy")).toTensor();
        assertArrayEquals(original.predict(x).data(), copy.predict(x).data(), file);
        try (ZipFile zip = new ZipFile(saved.toFile())) {
            for (String entry : new String[] {"config.json", "metadata.json", "model.weights.h5"}) {
                assertNotNull(zip.getEntry(entry), entry);
            }
        }
    }

    @Test
    void keras2HardSigmoidHasNoNameInKeras3Files(@TempDir Path dir) {
        Sequential model = KerasModels.load(KerasModelsTest.DIR.resolve("keras2-hard-sigmoid.h5"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> KerasModels.save(model, dir.resolve("m.keras")));
        assertTrue(e.getMessage().contains("clip(0.2x + 0.5)"), e.getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> KerasModels.requireSaveable(model)).getMessage(), "the same refusal, nothing written");
    }

    @Test
    void recurrentDropoutSettingsSaveAndLoadBack(@TempDir Path dir) {
        Sequential model = Sequential.of(new Embedding(50, 8),
                new dev.rnn4j.keras.LSTM(6).dropout(0.25).recurrentDropout(0.125).returnSequences(true),
                new dev.rnn4j.keras.Bidirectional(new GRU(4).dropout(0.5).implementation(1)),
                new Dense(1, Activation.SIGMOID)).seed(4);
        model.build(dev.rnn4j.keras.Shape.NONE);
        KerasModels.save(model, dir.resolve("m.keras"));
        Sequential copy = KerasModels.load(dir.resolve("m.keras"));
        var lstm = (dev.rnn4j.keras.Recurrent) copy.layers().get(1);
        var gru = ((dev.rnn4j.keras.Bidirectional) copy.layers().get(2)).layer();
        assertEquals(0.25, lstm.dropout());
        assertEquals(0.125, lstm.recurrentDropout());
        assertEquals(1, lstm.implementation());
        assertEquals(0.5, gru.dropout());
        assertEquals(0.0, gru.recurrentDropout());
        assertEquals(1, gru.implementation());
    }

    @Test
    void compileSettingsSaveAndLoadBack(@TempDir Path dir) {
        // a real Keras 3 file's RMSprop(1e-4), binary_crossentropy and accuracy come through a save and a load
        Sequential keras = KerasModels.load(KerasModelsTest.DIR.resolve("imdb-lstm.keras"));
        KerasModels.save(keras, dir.resolve("imdb.keras"));
        Sequential copy = KerasModels.load(dir.resolve("imdb.keras"));
        assertTrue(copy.isCompiled());
        assertEquals(dev.rnn4j.keras.Loss.BINARY_CROSSENTROPY, copy.loss());
        assertTrue(copy.hasAccuracyMetric());
        var rmsprop = assertInstanceOf(dev.rnn4j.keras.KerasOptimizers.Named.class, copy.optimizerFactory());
        assertEquals("RMSprop", rmsprop.kerasClass());
        assertEquals(1e-4, rmsprop.learningRate(), 1e-10);
        // one compiled here; a model compiled with an optimizer of its own saves uncompiled, as Keras would load it
        Sequential model = Sequential.of(new Embedding(50, 8), new GRU(4), new Dense(3, Activation.SOFTMAX)).seed(2);
        model.compile(dev.rnn4j.keras.KerasOptimizers.adam(5e-3), dev.rnn4j.keras.Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        model.build(dev.rnn4j.keras.Shape.NONE);
        KerasModels.save(model, dir.resolve("m.keras"));
        Sequential adam = KerasModels.load(dir.resolve("m.keras"));
        assertEquals(dev.rnn4j.keras.Loss.SPARSE_CATEGORICAL_CROSSENTROPY, adam.loss());
        assertFalse(adam.hasAccuracyMetric());
        var named = assertInstanceOf(dev.rnn4j.keras.KerasOptimizers.Named.class, adam.optimizerFactory());
        assertEquals("Adam", named.kerasClass());
        assertEquals(5e-3, named.learningRate());
        model.compile(p -> new dev.rnn4j.optim.Sgd(p, dev.rnn4j.optim.Sgd.Config.of(0.1).withMomentum(0.9)),
                dev.rnn4j.keras.Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        KerasModels.save(model, dir.resolve("own.keras"));
        assertFalse(KerasModels.load(dir.resolve("own.keras")).isCompiled());
    }

    @Test
    void optimizerStateSavesAsKerasKeepsIt(@TempDir Path dir) throws IOException {
        // imdb-lstm.keras holds Keras 3.6's RMSprop state (step counter, learning rate, a velocity per variable):
        // loaded and saved again, the file holds the same arrays, bit for bit
        Path original = KerasModelsTest.DIR.resolve("imdb-lstm.keras"), saved = dir.resolve("copy.keras");
        KerasModels.save(KerasModels.load(original), saved);
        try (var a = weightsOf(original); var b = weightsOf(saved)) {
            Hdf5Weights keras = new Hdf5Weights(a, "original"), ours = new Hdf5Weights(b, "copy");
            assertEquals(keras.integerScalar("optimizer/vars/0"), ours.integerScalar("optimizer/vars/0"));
            List<Hdf5Weights.Array> expected = keras.vars("optimizer/vars", 1), actual = ours.vars("optimizer/vars", 1);
            assertEquals(7, expected.size());            // the learning rate and a velocity for each of 6 variables
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i).shape(), actual.get(i).shape(), "var " + (i + 1));
                assertArrayEquals(expected.get(i).values(), actual.get(i).values(), "var " + (i + 1));
            }
        }
    }

    @Test
    void fitResumesFromASavedFileExactly(@TempDir Path dir) throws IOException {
        for (String optimizer : new String[] {"adam", "rmsprop", "adagrad", "adamw", "sgd"}) {
            Tensor x = Npy.read(KerasModelsTest.DIR.resolve("x_imdb-lstm.npy")).toTensor();
            Tensor y = Npy.read(KerasModelsTest.DIR.resolve("labels_imdb-lstm.npy")).toTensor();
            Sequential model = Sequential.of(new Embedding(500, 8), new dev.rnn4j.keras.LSTM(6),
                    new Dense(1, Activation.SIGMOID)).seed(7);
            model.compile(optimizer, "binary_crossentropy", "accuracy");
            var oneEpoch = dev.rnn4j.keras.FitConfig.defaults().withBatchSize(4).withShuffle(false);
            model.fit(x, y, oneEpoch);
            Path file = dir.resolve(optimizer + ".keras");
            KerasModels.save(model, file);
            Sequential resumed = KerasModels.load(file);
            model.fit(x, y, oneEpoch);
            resumed.fit(x, y, oneEpoch);
            for (int i = 0; i < model.parameters().size(); i++) {
                assertArrayEquals(model.parameters().get(i).value().data(),
                        resumed.parameters().get(i).value().data(), optimizer + ": " + model.parameters().get(i));
            }
        }
    }

    private static io.jhdf.HdfFile weightsOf(Path keras) throws IOException {
        try (ZipFile zip = new ZipFile(keras.toFile())) {
            return io.jhdf.HdfFile.fromBytes(zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes());
        }
    }

    @Test
    void aModelBuiltHereSavesToo(@TempDir Path dir) {
        Sequential model = Sequential.of(new Embedding(50, 8).maskZero(true), new GRU(6).resetAfter(false),
                new Dense(3, Activation.SOFTMAX)).seed(3);
        model.build(dev.rnn4j.keras.Shape.NONE);
        KerasModels.save(model, dir.resolve("m.keras"));
        Sequential back = KerasModels.load(dir.resolve("m.keras"));
        Tensor x = new Tensor(new float[] {1, 2, 3, 0, 4, 5, 6, 7}, 2, 4);
        assertArrayEquals(model.predict(x).data(), back.predict(x).data());
        assertEquals(model.layerNames(), back.layerNames());
    }
}
