package dev.rnn4j.keras;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Parameter counts and output shapes against the numbers Keras prints; the TF2 / Keras 2 table. */
class SummaryTest {
    /** The IMDB-style Keras model, as Keras (TF2) prints it, with thousands separators in the table. */
    static final String SEED_003 = """
            Model: "sequential"
            _________________________________________________________________
             Layer (type)                Output Shape              Param #
            =================================================================
             embedding (Embedding)       (None, None, 32)          320,000

             simple_rnn (SimpleRNN)      (None, 32)                2,080

             dense (Dense)               (None, 1)                 33

            =================================================================
            Total params: 322,113
            Trainable params: 322,113
            Non-trainable params: 0
            _________________________________________________________________
            """;

    @Test
    void imdbStyleModelPrintsKerasTable() {
        Sequential model = Sequential.of(new Embedding(10000, 32), new SimpleRNN(32), new Dense(1, Activation.SIGMOID));
        assertEquals(SEED_003, model.summary(SummaryStyle.KERAS2));
        assertEquals(List.of(320_000L, 2_080L, 33L), model.layers().stream().map(Layer::trainableParams).toList());
    }

    @Test
    void returnSequencesGivesOneOutputPerStep() {
        Sequential model = Sequential.of(new Embedding(10000, 32), new SimpleRNN(32).returnSequences(true));
        model.build(Shape.NONE);
        assertEquals(Shape.of(Shape.NONE, Shape.NONE, 32), model.layers().get(1).outputShape());
        assertTrue(model.summary(SummaryStyle.KERAS2)
                .contains(" simple_rnn (SimpleRNN)      (None, None, 32)          2,080\n"),
                model.summary(SummaryStyle.KERAS2));
        assertTrue(model.summary(SummaryStyle.KERAS2).contains("Total params: 322,080\n"));
    }

    @Test
    void lstmAndGruCountAsKeras() {
        // Keras: LSTM(32) on 32 features 4·32·(32+32+1) = 8,320; GRU (reset_after=True) 3·32·(32+32+2) = 6,336.
        assertEquals(8_320, built(new LSTM(32)).trainableParams());
        assertEquals(6_336, built(new GRU(32)).trainableParams());
        assertEquals(2_080, built(new SimpleRNN(32)).trainableParams());
        assertEquals(16_640, built(new Bidirectional(new LSTM(32))).trainableParams());
        assertEquals(4_160, built(new Bidirectional(new SimpleRNN(32))).trainableParams());
        assertEquals(12_672, built(new Bidirectional(new GRU(32))).trainableParams());
    }

    @Test
    void bidirectionalDoublesTheOutputAndWrapsItsNameAsKeras() {
        Sequential model = Sequential.of(new Embedding(10000, 32), new Bidirectional(new LSTM(32)),
                new Dense(1, Activation.SIGMOID));
        String s = model.summary(SummaryStyle.KERAS2);
        // Keras cuts "bidirectional (Bidirectional)" at the 27 characters its first column holds.
        assertTrue(s.contains(" bidirectional (Bidirectiona  (None, 64)               16,640\n l)\n"), s);
        assertTrue(s.contains("Total params: 336,705\n"), s);   // 320,000 + 16,640 + 65
    }

    @Test
    void layersAreNamedPerTypeWithSuffixes() {
        Sequential model = Sequential.of(new Embedding(100, 8), new LSTM(8).returnSequences(true), new Dropout(0.2),
                new LSTM(8), new Dense(4, Activation.RELU), new Dense(1));
        assertEquals(List.of("embedding", "lstm", "dropout", "lstm_1", "dense", "dense_1"), model.layerNames());
        assertEquals("simple_rnn", Sequential.snakeCase("SimpleRNN"));
        assertEquals("gru", Sequential.snakeCase("GRU"));
        assertEquals("bidirectional", Sequential.snakeCase("Bidirectional"));
    }

    @Test
    void floatInputModelsNeedAnInputShape() {
        Sequential model = Sequential.of(new LSTM(16), new Dense(3, Activation.SOFTMAX));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.summary(SummaryStyle.KERAS2));
        assertTrue(e.getMessage().contains("not yet been built"), e.getMessage());
        model.build(Shape.NONE, 5);
        assertTrue(model.summary(SummaryStyle.KERAS2)
                .contains(" lstm (LSTM)                 (None, 16)                1,408\n"),
                model.summary(SummaryStyle.KERAS2));
        assertTrue(model.summary(SummaryStyle.KERAS2)
                .contains(" dense (Dense)               (None, 3)                 51\n"),
                model.summary(SummaryStyle.KERAS2));
    }

    @Test
    void inputLengthAppearsInTheShapes() {
        Sequential model = Sequential.of(new Embedding(10000, 32).inputLength(500),
                new SimpleRNN(32).returnSequences(true));
        assertTrue(model.summary(SummaryStyle.KERAS2)
                .contains(" simple_rnn (SimpleRNN)      (None, 500, 32)           2,080\n"),
                model.summary(SummaryStyle.KERAS2));
        assertEquals(Shape.of(Shape.NONE, 500, 32), model.layers().get(1).outputShape());
    }

    private static Layer built(Layer layer) {
        layer.build(Shape.batchOf(Shape.NONE, 32), new dev.rnn4j.tensor.Rng(1));
        return layer;
    }
}
