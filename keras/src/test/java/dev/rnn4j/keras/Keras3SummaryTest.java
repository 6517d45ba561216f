package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Keras 3's summary table, against tables Keras 3.6 printed for the same models. */
class Keras3SummaryTest {
    /** Keras 3.6 for Input(100) → Embedding(500, 16) → LSTM(8) → Dense(1, sigmoid) (the imdb-lstm.keras model). */
    static final String IMDB_LSTM = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ embedding (Embedding)           │ (None, 100, 16)        │         8,000 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ lstm (LSTM)                     │ (None, 8)              │           800 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense (Dense)                   │ (None, 1)              │             9 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 8,809 (34.41 KB)
             Trainable params: 8,809 (34.41 KB)
             Non-trainable params: 0 (0.00 B)
            """;

    /** Keras 3 for a Sequential without an Input: nothing built, layers without weights count as built. */
    static final String UNBUILT = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ embedding (Embedding)           │ ?                      │   0 (unbuilt) │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dropout (Dropout)               │ ?                      │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ global_average_pooling1d        │ ?                      │             0 │
            │ (GlobalAveragePooling1D)        │                        │               │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dropout_1 (Dropout)             │ ?                      │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense (Dense)                   │ ?                      │   0 (unbuilt) │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 0 (0.00 B)
             Trainable params: 0 (0.00 B)
             Non-trainable params: 0 (0.00 B)
            """;

    /** The README's example. */
    static final String README = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ embedding (Embedding)           │ (None, 500, 32)        │       320,000 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ simple_rnn (SimpleRNN)          │ (None, 32)             │         2,080 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense (Dense)                   │ (None, 1)              │            33 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 322,113 (1.23 MB)
             Trainable params: 322,113 (1.23 MB)
             Non-trainable params: 0 (0.00 B)
            """;

    @Test
    void readmeExample() {
        Sequential model = Sequential.of(new Embedding(10000, 32), new SimpleRNN(32), new Dense(1, Activation.SIGMOID));
        model.build(500);
        assertEquals(README, model.summary());
    }

    @Test
    void builtModelPrintsKeras3Table() {
        Sequential model = Sequential.of(new Embedding(500, 16), new LSTM(8), new Dense(1, Activation.SIGMOID));
        model.build(100);
        assertEquals(IMDB_LSTM, model.summary());
    }

    @Test
    void unbuiltModelShowsQuestionMarksAndIsNotBuilt() {
        Sequential model = Sequential.of(new Embedding(10000, 16), new Dropout(0.2), new GlobalAveragePooling1D(),
                new Dropout(0.2), new Dense(2, Activation.SIGMOID));
        assertEquals(UNBUILT, model.summary());
        assertFalse(model.isBuilt());
    }

    @Test
    void optimizerParamsAppearOnceTrained() {
        Sequential model = Sequential.of(new Embedding(50, 4), new SimpleRNN(3), new Dense(1, Activation.SIGMOID));
        model.compile(KerasOptimizers.adam(), Loss.BINARY_CROSSENTROPY);
        model.build(5);
        assertFalse(model.summary().contains("Optimizer params"), model.summary());
        model.fit(new Tensor(new float[] {1, 2, 3, 4, 5, 5, 4, 3, 2, 1}, 2, 5), new Tensor(new float[] {0, 1}, 2, 1),
                1, 2, 0);
        // 200 + 24 + 4 = 228 weights; Adam keeps two slots per weight, plus the step counter and learning rate.
        String s = model.summary();
        assertTrue(s.endsWith(" Total params: 686 (2.68 KB)\n Trainable params: 228 (912.00 B)\n"
                + " Non-trainable params: 0 (0.00 B)\n Optimizer params: 458 (1.79 KB)\n"), s);
    }

    @Test
    void columnsAndCellsAsRichLaysThemOut() {
        assertArrayEquals(new int[] {33, 24, 15}, Keras3Summary.columnWidths(76));
        assertArrayEquals(new int[] {38, 29, 17}, Keras3Summary.columnWidths(88));   // on a wide terminal
        assertEquals(List.of("time_distributed", "(TimeDistributed)"),
                Keras3Summary.wrap("time_distributed (TimeDistributed)", 31));
        assertEquals(List.of("a_very_long_layer_name_that_do…", "(Dense)"),
                Keras3Summary.wrap("a_very_long_layer_name_that_does_not_fit (Dense)", 31));
        assertEquals("1.23 MB", Keras3Summary.readableSize(4 * 322_113));
        assertEquals("1.12 KB", Keras3Summary.readableSize(1152));     // 1.125: Python rounds half to even
        assertEquals("1023.00 B", Keras3Summary.readableSize(1023));
    }
}
