package dev.rnn4j.onnx;

import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Bidirectional;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Dropout;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.GRU;
import dev.rnn4j.keras.GlobalAveragePooling1D;
import dev.rnn4j.keras.GlobalMaxPooling1D;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.LayerCall;
import dev.rnn4j.keras.Masking;
import dev.rnn4j.keras.MergeMode;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.SimpleRNN;
import dev.rnn4j.keras.TimeDistributed;
import dev.rnn4j.nn.GateFunction;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras-style models exported to ONNX: onnxruntime's predictions equal {@code Sequential.predict}. */
class SequentialExportTest {
    static final int VOCAB = 20, B = 4, T = 7, F = 3;

    /** Token ids, right-padded with 0 to lengths 7, 3, 1 and 0 (an all-padding row). */
    static final int[] LENGTHS = {7, 3, 1, 0};

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("Embedding(mask_zero) LSTM Dense(sigmoid)", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new LSTM(6), new Dense(1, Activation.SIGMOID))),
                Arguments.of("Embedding Bidirectional(GRU, sequences) GlobalMaxPooling1D Dropout Dense(softmax)", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8),
                                new Bidirectional(new GRU(5).returnSequences(true)), new GlobalMaxPooling1D(),
                                new Dropout(0.5), new Dense(3, Activation.SOFTMAX))),
                Arguments.of("Embedding(mask_zero) Bidirectional(LSTM, sequences) GlobalMaxPooling1D Dense(relu) "
                                + "Dense", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new Bidirectional(new LSTM(4).returnSequences(true)), new GlobalMaxPooling1D(),
                                new Dense(5, Activation.RELU), new Dense(2))),
                Arguments.of("Embedding(mask_zero) GRU(sequences) GRU Dense(tanh)", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new GRU(5).returnSequences(true), new GRU(4), new Dense(3, Activation.TANH))),
                Arguments.of("Masking SimpleRNN(relu, sequences) Dense(tanh) on every step", false,
                        (Supplier<Sequential>) () -> Sequential.of(new Masking(0),
                                new SimpleRNN(5).activation(Activation.RELU).returnSequences(true),
                                new Dense(4, Activation.TANH))),
                Arguments.of("Embedding(mask_zero) SimpleRNN Dense", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new SimpleRNN(5), new Dense(2))),
                Arguments.of("Bidirectional(SimpleRNN) Dense", false,
                        (Supplier<Sequential>) () -> Sequential.of(new Bidirectional(new SimpleRNN(5)), new Dense(2))),
                Arguments.of("Embedding(mask_zero) GRU(reset_after=False, sequences) GlobalAveragePooling1D", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new GRU(5).resetAfter(false).returnSequences(true), new GlobalAveragePooling1D())),
                Arguments.of("Embedding LSTM(use_bias=False, sequences) TimeDistributed(Dense) GlobalAveragePooling1D",
                        true, (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8),
                                new LSTM(5).returnSequences(true).useBias(false),
                                new TimeDistributed(new Dense(3, Activation.RELU)), new GlobalAveragePooling1D())),
                Arguments.of("Embedding(mask_zero) SimpleRNN(go_backwards) Dense", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new SimpleRNN(5).goBackwards(true), new Dense(2))),
                Arguments.of("Embedding GRU(go_backwards, sequences) Bidirectional(LSTM, merge sum)",
                        true, (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8),
                                new GRU(5).goBackwards(true).returnSequences(true),
                                new Bidirectional(new LSTM(4)).mergeMode(MergeMode.SUM))),
                Arguments.of("Embedding(mask_zero) Bidirectional(GRU(reset_after=False), sequences, merge mul) "
                                + "Bidirectional(SimpleRNN, merge ave)", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new Bidirectional(new GRU(4).resetAfter(false).returnSequences(true))
                                        .mergeMode(MergeMode.MUL),
                                new Bidirectional(new SimpleRNN(3)).mergeMode(MergeMode.AVE))),
                Arguments.of("Embedding(mask_zero) Bidirectional(LSTM(hard_sigmoid Keras 2)) "
                                + "GRU(reset_after=False, hard_sigmoid Keras 3) Dense", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new Bidirectional(new LSTM(4).returnSequences(true)
                                        .recurrentActivation(GateFunction.HARD_SIGMOID_KERAS2)),
                                new GRU(3).resetAfter(false).recurrentActivation(GateFunction.HARD_SIGMOID_KERAS3),
                                new Dense(2))),
                Arguments.of("Embedding(mask_zero) LSTM(sequences) GRU(go_backwards, sequences) "
                                + "SimpleRNN(zero_output_for_mask, sequences) TimeDistributed(Dense)", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new LSTM(4).returnSequences(true), new GRU(3).goBackwards(true).returnSequences(true),
                                new SimpleRNN(3).zeroOutputForMask(true).returnSequences(true),
                                new TimeDistributed(new Dense(2)))),
                Arguments.of("Masking GRU(hard_sigmoid Keras 3, sequences) LSTM(zero_output_for_mask) Dense", false,
                        (Supplier<Sequential>) () -> Sequential.of(new Masking(0),
                                new GRU(4).recurrentActivation(GateFunction.HARD_SIGMOID_KERAS3).returnSequences(true),
                                new LSTM(3).zeroOutputForMask(true), new Dense(2))),
                Arguments.of("Embedding(mask_zero) LSTM(dropout, recurrent_dropout, sequences) "
                                + "Bidirectional(GRU(recurrent_dropout)) Dense: inference has no dropout", true,
                        (Supplier<Sequential>) () -> Sequential.of(new Embedding(VOCAB, 8).maskZero(true),
                                new LSTM(4).dropout(0.3).recurrentDropout(0.2).returnSequences(true),
                                new Bidirectional(new GRU(3).recurrentDropout(0.4)), new Dense(2))),
                Arguments.of("Masking Bidirectional(LSTM, sequences, merge ave) TimeDistributed(Dense(sigmoid))", false,
                        (Supplier<Sequential>) () -> Sequential.of(new Masking(0),
                                new Bidirectional(new LSTM(4).returnSequences(true)).mergeMode(MergeMode.AVE),
                                new TimeDistributed(new Dense(2, Activation.SIGMOID)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxruntimeEqualsPredict(String name, boolean tokens, Supplier<Sequential> make) {
        Sequential model = make.get().seed(3);
        Rng rng = new Rng(9);
        Tensor x = tokens ? paddedTokens(rng) : paddedFeatures(rng);
        Tensor expected = model.predict(x);
        try (Ort ort = new Ort(OnnxExport.sequential(model))) {
            if (tokens) ort.longs("input", longs(x.data()), B, T);
            else ort.floats("input", x);
            double err = Ort.maxError(expected, ort.run().get("output"));
            System.out.printf("ONNX Sequential %s: max abs error %.2e%n", name, err);
            assertTrue(err <= Ort.TOLERANCE, name + ": max abs error " + err);
        }
    }

    @Test
    void unbuiltModelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.sequential(Sequential.of(new Embedding(5, 2), new LSTM(3))));
        assertTrue(e.getMessage().contains("unbuilt"), e.getMessage());
    }

    @Test
    void aLayerWithoutExporterIsNamedWithWhatIsSupported() {
        Sequential model = Sequential.of(new Embedding(5, 2), new Scale(), new Dense(1));
        model.build(Shape.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.sequential(model));
        assertEquals("cannot export layer scale (Scale) to ONNX: there is no exporter for it; build the model from the "
                + "supported layers: " + KerasGraph.SUPPORTED,
                e.getMessage());
    }

    /** A user-defined layer (doubles its input) that the exporter cannot know. */
    static final class Scale implements Layer {
        private Shape out;

        @Override
        public String typeName() { return "Scale"; }

        @Override
        public Shape build(Shape inputShape, Rng rng) { return out = inputShape; }

        @Override
        public boolean isBuilt() { return out != null; }

        @Override
        public Shape outputShape() { return out; }

        @Override
        public LayerCall call(Tensor x, int[] lengths, boolean training) {
            Tensor y = x.copy();
            for (int i = 0; i < y.numel(); i++) y.data()[i] *= 2;
            return new LayerCall() {
                @Override
                public Tensor output() { return y; }

                @Override
                public int[] lengths() { return lengths; }

                @Override
                public Tensor backward(Tensor dOutput) { throw new UnsupportedOperationException(); }
            };
        }

        @Override
        public List<Parameter> parameters() { return List.of(); }
    }

    static Tensor paddedTokens(Rng rng) {
        float[] v = new float[B * T];
        for (int b = 0; b < B; b++) for (int t = 0; t < LENGTHS[b]; t++) v[b * T + t] = 1 + rng.nextInt(VOCAB - 1);
        return new Tensor(v, B, T);
    }

    /** Float sequences whose padded steps are all 0 (the mask value). */
    static Tensor paddedFeatures(Rng rng) {
        Tensor x = Tensor.zeros(B, T, F);
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < LENGTHS[b]; t++) for (int f = 0; f < F; f++) x.set((float) rng.nextGaussian(), b, t, f);
        }
        return x;
    }

    static long[] longs(float[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) l[i] = (long) v[i];
        return l;
    }
}
