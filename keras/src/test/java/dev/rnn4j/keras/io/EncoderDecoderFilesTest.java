package dev.rnn4j.keras.io;

import dev.rnn4j.io.Json;
import dev.rnn4j.io.Npy;
import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.FitConfig;
import dev.rnn4j.keras.KerasModel;
import dev.rnn4j.keras.Loss;
import dev.rnn4j.keras.Scores;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.SummaryStyle;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.keras.io.KerasModelsTest.DIR;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Keras's seq2seq models in both file layouts (gen.py): an encoder whose final states are the decoder's
 * initial_state, loaded as an {@link EncoderDecoder}, predicting what gen.py's NumPy reference computed.
 */
class EncoderDecoderFilesTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seq2seq-lstm.keras", "keras2-seq2seq-gru.h5", "seq2seq-stacked.keras"})
    void predictsTheReferenceOutputs(String file) throws IOException {
        KerasModel model = KerasModels.loadModel(DIR.resolve(file));
        assertInstanceOf(EncoderDecoder.class, model);
        String stem = file.substring(0, file.lastIndexOf('.'));
        Tensor y = model.predict(inputs(stem), 2);       // batches of 2: a last partial batch too
        Tensor expected = Npy.read(DIR.resolve("y_" + stem + ".npy")).toTensor();
        assertArrayEquals(expected.shape(), y.shape(), file);
        double worst = KerasModelsTest.maxAbsError(expected, y);
        System.out.printf("%s: max abs error %.3g over %d values%n", file, worst, y.numel());
        assertTrue(worst < KerasModelsTest.TOLERANCE, file + ": max abs error " + worst);
    }

    @Test
    void theKeras3FileLoadsCompiledAndEvaluatesAsTheReference() throws IOException {
        EncoderDecoder model = (EncoderDecoder) KerasModels.loadModel(DIR.resolve("seq2seq-lstm.keras"));
        assertEquals(List.of("embedding", "lstm", "embedding_1", "lstm_1", "dense"), model.layerNames());
        assertEquals(List.of("input_layer", "input_layer_1"), model.inputNames());
        assertEquals(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, model.loss());
        Tensor labels = Npy.read(DIR.resolve("labels_seq2seq-lstm.npy")).toTensor();
        Scores s = model.evaluate(inputs("seq2seq-lstm"), labels, 2);
        Map<?, ?> expected = (Map<?, ?>) Json.parseObject(Files.readString(DIR.resolve("expected.json")))
                .get("evaluate_seq2seq-lstm");
        assertEquals((double) expected.get("loss"), s.loss(), 1e-5);
        assertEquals((double) expected.get("accuracy"), s.accuracy(), 1e-12);
        double before = s.loss();
        model.fit(inputs("seq2seq-lstm"), labels, FitConfig.defaults().withEpochs(30).withBatchSize(5));
        double after = model.evaluate(inputs("seq2seq-lstm"), labels, 5).loss();
        assertTrue(after < before, "RMSprop at the file's rate trains both chains: " + before + " -> " + after);
    }

    @Test
    void theSummaryHasAConnectedToColumnNamingTheStates() {
        KerasModel model = KerasModels.loadModel(DIR.resolve("seq2seq-lstm.keras"));
        String summary = model.summary(SummaryStyle.KERAS3);
        assertTrue(summary.startsWith("Model: \"functional\"\n"), summary);
        // Keras's order (by depth): both inputs, both embeddings, both LSTMs, the dense layer
        List<String> order = List.of("│ input_layer ", "│ input_layer_1 ", "│ embedding ", "│ embedding_1 ",
                "│ lstm (LSTM) ", "│ lstm_1 (LSTM) ", "│ dense (Dense) ");
        for (int i = 1; i < order.size(); i++) {
            assertTrue(summary.indexOf(order.get(i - 1)) < summary.indexOf(order.get(i)), order.get(i) + summary);
        }
        assertTrue(summary.contains("┃ Connected to      ┃"), summary);
        assertTrue(summary.contains("│ lstm[0][1],       │\n"), summary);        // the decoder's initial states
        assertTrue(summary.contains("│ lstm[0][2]        │\n"), summary);
        // embeddings 12·5 + 10·5, LSTMs 4·6·(5 + 6 + 1) = 288 each, dense 6·10 + 10
        assertTrue(summary.contains("Total params: 756 (2.95 KB)"), summary);
        assertThrows(IllegalArgumentException.class, () -> model.summary(SummaryStyle.KERAS2));
    }

    @Test
    void theStackedFileLinksEachEncoderLayerToItsDecoderLayer() {
        EncoderDecoder model = (EncoderDecoder) KerasModels.loadModel(DIR.resolve("seq2seq-stacked.keras"));
        assertEquals(List.of(new dev.rnn4j.keras.StateLink(1, 1), new dev.rnn4j.keras.StateLink(2, 2)),
                model.stateLinks());
        String summary = model.summary(SummaryStyle.KERAS3);
        assertTrue(summary.contains("│ lstm_1[0][1],     │\n") && summary.contains("│ lstm[0][1],       │\n"),
                summary);
    }

    @Test
    void theSequentialLoaderPointsToLoadModel() {
        KerasFileException e = assertThrows(KerasFileException.class,
                () -> KerasModels.load(DIR.resolve("keras2-seq2seq-gru.h5")));
        assertTrue(e.getMessage().contains("loadModel, ./rnn4j keras and export onnx read"), e.getMessage());
    }

    @Test
    void savedAndLoadedBackItPredictsTheSameBits(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        for (String file : List.of("seq2seq-lstm.keras", "keras2-seq2seq-gru.h5", "seq2seq-stacked.keras")) {
            KerasModel model = KerasModels.loadModel(DIR.resolve(file));
            Path copy = dir.resolve(file + ".keras");
            KerasModels.save(model, copy);
            EncoderDecoder back = (EncoderDecoder) KerasModels.loadModel(copy);
            EncoderDecoder original = (EncoderDecoder) model;
            assertEquals(original.layerNames(), back.layerNames(), file);
            assertEquals(original.rowOrder(), back.rowOrder(), file);
            assertEquals(original.inputNames(), back.inputNames(), file);
            assertEquals(original.stateLinks(), back.stateLinks(), file);
            String stem = file.substring(0, file.lastIndexOf('.'));
            assertArrayEquals(model.predict(inputs(stem), 4).data(), back.predict(inputs(stem), 4).data(), file);
            assertEquals(model.summary(SummaryStyle.KERAS3), back.summary(SummaryStyle.KERAS3), file);
        }
    }

    @Test
    void fitOnASavedFileContinuesAsFitInMemory(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        List<Tensor> x = inputs("seq2seq-lstm");
        Tensor labels = Npy.read(DIR.resolve("labels_seq2seq-lstm.npy")).toTensor();
        FitConfig oneEpoch = FitConfig.defaults().withEpochs(1).withBatchSize(2).withShuffle(false);
        KerasModel inMemory = KerasModels.loadModel(DIR.resolve("seq2seq-lstm.keras"));
        inMemory.fit(x, labels, oneEpoch);
        Path saved = dir.resolve("trained.keras");
        KerasModels.save(inMemory, saved);
        KerasModel resumed = KerasModels.loadModel(saved);
        assertTrue(resumed.summary(SummaryStyle.KERAS3).contains("Optimizer params"), "the RMSprop state came back");
        inMemory.fit(x, labels, oneEpoch);
        resumed.fit(x, labels, oneEpoch);
        assertArrayEquals(inMemory.predict(x, 5).data(), resumed.predict(x, 5).data());
    }

    @Test
    void aModelBuiltInJavaSavesAsAKerasFunctionalFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        EncoderDecoder model = EncoderDecoder.of(
                List.of(new dev.rnn4j.keras.Embedding(9, 4).maskZero(true),
                        new dev.rnn4j.keras.GRU(5).returnSequences(true),
                        new dev.rnn4j.keras.GRU(6).returnState(true)),
                List.of(new dev.rnn4j.keras.Embedding(7, 3), new dev.rnn4j.keras.GRU(6).returnSequences(true),
                        new dev.rnn4j.keras.Dense(7, dev.rnn4j.keras.Activation.SOFTMAX))).seed(2);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        List<Tensor> inputs = List.of(dev.rnn4j.keras.Inputs.padPost(new int[][] {{1, 8, 3}, {4}, {2, 2}}, 4),
                dev.rnn4j.keras.Inputs.tokens(new int[][] {{6, 1, 2}, {6, 3, 3}, {6, 5, 0}}));
        Path file = dir.resolve("gru.keras");
        KerasModels.save(model.build(Shape.of(Shape.NONE, Shape.NONE), Shape.of(Shape.NONE, Shape.NONE)), file);
        KerasModel back = KerasModels.loadModel(file);
        assertTrue(back.isCompiled());
        assertArrayEquals(model.predict(inputs, 3).data(), back.predict(inputs, 3).data());
        String config;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes());
        }
        assertTrue(config.contains("\"initial_state\":[{\"class_name\":\"__keras_tensor__\""), config);
    }

    static List<Tensor> inputs(String stem) throws IOException {
        return List.of(Npy.read(DIR.resolve("x_" + stem + ".npy")).toTensor(),
                Npy.read(DIR.resolve("x2_" + stem + ".npy")).toTensor());
    }
}
