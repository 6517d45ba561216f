package dev.rnn4j.keras;

import dev.rnn4j.testing.NumericalGradient;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Central-difference checks (double-accumulated, {@link NumericalGradient}'s tolerance) of every Keras
 * layer's backward, of masking, of states, and of the losses' fused and plain paths through a whole model.
 */
class KerasGradientTest {
    @Test
    void denseWithEachActivation() {
        for (Activation a : Activation.values()) {
            Rng rng = new Rng(11);
            Dense dense = new Dense(5, a);
            dense.build(Shape.batchOf(Shape.NONE, 4), rng);
            randomize(dense.bias(), rng);
            checkLayer("Dense " + a, dense, Tensor.randn(rng, 3, 2, 4), null, rng);
        }
    }

    @Test
    void simpleRnnWithItsSingleBias() {
        Rng rng = new Rng(12);
        SimpleRNN rnn = new SimpleRNN(4);
        rnn.build(Shape.batchOf(Shape.NONE, 3), rng);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0"),
                rnn.parameters().stream().map(Parameter::name).toList());
        randomize(rnn.parameters().get(2), rng);
        checkLayer("SimpleRNN", rnn, Tensor.randn(rng, 2, 5, 3), null, rng);
        checkLayer("SimpleRNN masked", rnn, Tensor.randn(rng, 3, 5, 3), new int[] {5, 2, 4}, rng);
    }

    @Test
    void maskedSequencesIncludingAnAllPaddingRow() {
        for (boolean sequences : new boolean[] {false, true}) {
            Rng rng = new Rng(13);
            LSTM lstm = new LSTM(3);
            lstm.returnSequences(sequences);
            lstm.build(Shape.batchOf(Shape.NONE, 2), rng);
            Tensor x = Tensor.randn(rng, 3, 4, 2);
            int[] lengths = {4, 0, 2};
            RecurrentCall c = lstm.call(x, lengths, false);
            // The empty row returns the (zero) initial state; padded steps give zeros.
            int width = sequences ? 4 * 3 : 3;
            for (int j = 0; j < width; j++) assertEquals(0f, c.output().data()[width + j], "empty row output " + j);
            checkLayer("LSTM returnSequences=" + sequences, lstm, x, lengths, rng);
        }
    }

    @Test
    void statesAndInitialStatesOfEachKind() {
        List<Recurrent> kinds = List.of(new SimpleRNN(3).returnState(true), new LSTM(3).returnState(true),
                new GRU(3).returnState(true));
        for (Recurrent layer : kinds) {
            Rng rng = new Rng(14);
            layer.build(Shape.batchOf(Shape.NONE, 2), rng);
            checkStates(layer.typeName(), (x, init) -> layer.call(x, new int[] {3, 0, 2}, init, false),
                    layer.parameters(), layer == kinds.get(1) ? 2 : 1, 3, rng);
        }
    }

    @Test
    void bidirectionalGruWithMaskAndStates() {
        Rng rng = new Rng(15);
        Bidirectional bi = new Bidirectional(new GRU(3).returnSequences(true).returnState(true));
        bi.build(Shape.batchOf(Shape.NONE, 2), rng);
        assertEquals(Shape.of(Shape.NONE, Shape.NONE, 6), bi.outputShape());
        checkLayer("Bidirectional GRU", bi, Tensor.randn(rng, 3, 4, 2), new int[] {4, 1, 3}, rng);
        checkStates("Bidirectional GRU", (x, init) -> bi.call(x, new int[] {3, 0, 2}, init, false),
                bi.parameters(), 2, 3, rng);
    }

    @Test
    void bidirectionalLastOutputIsBothFinalStates() {
        Rng rng = new Rng(16);
        Bidirectional bi = new Bidirectional(new LSTM(3).returnState(true));
        bi.build(Shape.batchOf(Shape.NONE, 2), rng);
        RecurrentCall c = bi.call(Tensor.randn(rng, 2, 4, 2), new int[] {4, 2}, false);
        assertArrayEquals(new int[] {2, 6}, c.output().shape());
        assertEquals(4, c.states().size());   // [h_fw, c_fw, h_bw, c_bw]
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(c.states().get(0).get(b, j), c.output().get(b, j));
                assertEquals(c.states().get(2).get(b, j), c.output().get(b, 3 + j));
            }
        }
        checkLayer("Bidirectional LSTM", bi, Tensor.randn(rng, 2, 4, 2), new int[] {4, 2}, rng);
    }

    @Test
    void heldBiasStaysZeroAndOutOfTheParameters() {
        Rng rng = new Rng(17);
        SimpleRNN rnn = new SimpleRNN(4);
        rnn.build(Shape.batchOf(Shape.NONE, 3), rng);
        RecurrentRunner runner = rnn.runner();
        Parameter bHh = runner.network.parameter("bias_hh_l0");
        assertFalse(rnn.parameters().contains(bHh));
        rnn.call(Tensor.randn(rng, 2, 3, 3), null, true).backward(Tensor.randn(rng, 2, 4));
        assertArrayEquals(new float[4], bHh.value().data());
    }

    @Test
    void wholeModelLossGradientFusedAndPlain() {
        for (Loss loss : Loss.values()) {
            for (boolean fused : new boolean[] {true, false}) {
                Rng rng = new Rng(18);
                boolean sparse = loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
                        categorical = loss == Loss.CATEGORICAL_CROSSENTROPY;
                int classes = sparse || categorical ? 3 : 1;
                Activation act = classes == 3 ? Activation.SOFTMAX : loss == Loss.MSE ? Activation.TANH
                        : Activation.SIGMOID;
                List<Layer> layers = new ArrayList<>(List.of(new Embedding(7, 3).maskZero(true),
                        new LSTM(4).returnSequences(true), new Dense(classes, act)));
                if (!fused) layers.add(new Dropout(0));   // a last layer that is not Dense: the loss sees probabilities
                Sequential model = Sequential.of(layers.toArray(Layer[]::new)).seed(5);
                model.build(Shape.NONE);
                Tensor x = Inputs.tokens(new int[][] {{1, 2, 3, 0}, {4, 5, 0, 0}, {6, 6, 6, 6}});
                float[] ids = {0, 1, 2, 1, 2, 0, 0, 0, 1, 1, 2, 0};
                Tensor y = sparse ? new Tensor(ids, 3, 4)
                        : categorical ? softLabels(ids)
                        : new Tensor(new float[] {1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1}, 3, 4, 1);
                SequentialCall call = model.call(x, null, false);
                Objective.Result r = Objective.compute(loss, call.last(), y, true);
                assertEquals(fused && loss != Loss.MSE, r.wrtPreActivation(), loss + " fused");
                if (r.wrtPreActivation()) call.backwardFromPreActivation(r.gradient());
                else call.backward(r.gradient());
                assertEquals(3 + 2 + 4, r.counted() / (sparse || categorical ? 1 : classes),
                        "padded steps are not counted");
                DoubleSupplier value = () ->
                        Objective.compute(loss, model.call(x, null, false).last(), y, false).loss();
                for (Parameter p : model.parameters()) {
                    NumericalGradient.assertMatches(loss + (fused ? " fused " : " plain ") + p.name(),
                            NumericalGradient.of(p.data(), p.offset(), p.size(), value), p.grad(), p.offset());
                }
            }
        }
    }

    /** The class ids as one-hot rows (3, 4, 3), but for two rows of soft labels that still sum to 1. */
    private static Tensor softLabels(float[] ids) {
        float[] y = new float[ids.length * 3];
        for (int i = 0; i < ids.length; i++) y[i * 3 + (int) ids[i]] = 1;
        System.arraycopy(new float[] {0.2f, 0.5f, 0.3f}, 0, y, 3, 3);
        System.arraycopy(new float[] {0.6f, 0f, 0.4f}, 0, y, 27, 3);
        return new Tensor(y, 3, 4, 3);
    }

    @Test
    void categoricalCrossentropyAsKerasComputesIt() {
        // Keras: p scaled to sum to 1 per row, clipped to [1e-7, 1 - 1e-7], loss = -sum(y log p), mean over rows;
        // on a softmax output the same value from the logits. Row 2's target is soft, row 3's prediction saturates.
        Dense head = new Dense(3, Activation.SOFTMAX);
        head.build(Shape.batchOf(2), new Rng(1));
        Parameter kernel = head.parameters().get(0), bias = head.bias();   // kernel as PyTorch's [out, in]
        java.util.Arrays.fill(bias.data(), bias.offset(), bias.offset() + bias.size(), 0f);
        float[] k = kernel.data();
        java.util.Arrays.fill(k, kernel.offset(), kernel.offset() + kernel.size(), 0f);
        k[kernel.offset()] = 1;          // logits = (x0, 0, x1)
        k[kernel.offset() + 5] = 1;
        Tensor x = new Tensor(new float[] {2, 0, 0, 0, 0, 40}, 3, 2);
        Tensor y = new Tensor(new float[] {1, 0, 0, 0.25f, 0.25f, 0.5f, 0, 1, 0}, 3, 3);
        double e2 = Math.exp(2), row1 = -Math.log(e2 / (e2 + 2)), row2 = Math.log(3);
        double row3 = 40 + Math.log1p(2 * Math.exp(-40));       // -log softmax(0, 0, 40)_1 from the logits
        Objective.Result fused = Objective.compute(Loss.CATEGORICAL_CROSSENTROPY, head.call(x, null, false), y, false);
        assertEquals((row1 + row2 + row3) / 3, fused.loss(), 1e-6);
        // categorical accuracy: the arg-maxes agree on row 1 only (row 2's prediction is a tie, taken as class 0)
        assertEquals(1, fused.correct());
        assertEquals(3, fused.counted());
        Dropout identity = new Dropout(0);
        identity.build(Shape.batchOf(3), new Rng(2));
        LayerCall probabilities = identity.call(head.call(x, null, false).output(), null, false);
        Objective.Result plain = Objective.compute(Loss.CATEGORICAL_CROSSENTROPY, probabilities, y, false);
        assertEquals((row1 + row2 - Math.log(1e-7)) / 3, plain.loss(), 1e-6, "row 3's probability is clipped at 1e-7");
    }

    interface StatefulCall { RecurrentCall run(Tensor x, List<Tensor> initialState); }

    /** Loss = output·w + Σ state_i·v_i with given initial states; checks dx, parameters and initial states. */
    static void checkStates(String what, StatefulCall f, List<Parameter> params, int count, int units, Rng rng) {
        checkStates(what, f, params, count, units, rng, 1f);
    }

    /**
     * As above with inputs and initial states at {@code scale}: smaller values keep the loss's curvature, and so
     * the O(ε²) error of central differences, small where dropout's 1/(1 − rate) enlarges them.
     */
    static void checkStates(String what, StatefulCall f, List<Parameter> params, int count, int units, Rng rng,
                            float scale) {
        Tensor x = scaled(Tensor.randn(rng, 3, 3, 2), scale);
        List<Tensor> init = new ArrayList<>();
        for (int i = 0; i < count; i++) init.add(scaled(Tensor.randn(rng, 3, units), scale));
        RecurrentCall c = f.run(x, init);
        Tensor w = Tensor.randn(rng, c.output().shape());
        List<Tensor> v = new ArrayList<>();
        for (int i = 0; i < c.states().size(); i++) v.add(Tensor.randn(rng, 3, units));
        for (Parameter p : params) p.zeroGrad();
        RecurrentCall.Gradients g = c.backward(w, v);
        DoubleSupplier loss = () -> {
            RecurrentCall r = f.run(x, init);
            double s = NumericalGradient.dot(r.output().data(), w.data());
            for (int i = 0; i < v.size(); i++) s += NumericalGradient.dot(r.states().get(i).data(), v.get(i).data());
            return s;
        };
        NumericalGradient.assertMatches(what + " dx", NumericalGradient.of(x.data(), loss), g.input().data());
        for (int i = 0; i < count; i++) {
            NumericalGradient.assertMatches(what + " d initial state " + i,
                    NumericalGradient.of(init.get(i).data(), loss), g.initialState().get(i).data());
        }
        for (Parameter p : params) {
            NumericalGradient.assertMatches(what + " d" + p.name(),
                    NumericalGradient.of(p.data(), p.offset(), p.size(), loss), p.grad(), p.offset());
        }
    }

    /** Loss = output·w; checks dx and every parameter's gradient. */
    static void checkLayer(String what, Layer layer, Tensor x, int[] lengths, Rng rng) {
        LayerCall c = layer.call(x, lengths, false);
        Tensor w = Tensor.randn(rng, c.output().shape());
        for (Parameter p : layer.parameters()) p.zeroGrad();
        Tensor dx = c.backward(w);
        DoubleSupplier loss = () -> NumericalGradient.dot(layer.call(x, lengths, false).output().data(), w.data());
        NumericalGradient.assertMatches(what + " dx", NumericalGradient.of(x.data(), loss), dx.data());
        for (Parameter p : layer.parameters()) {
            NumericalGradient.assertMatches(what + " d" + p.name(),
                    NumericalGradient.of(p.data(), p.offset(), p.size(), loss), p.grad(), p.offset());
        }
    }

    private static Tensor scaled(Tensor t, float scale) {
        for (int i = 0; i < t.numel(); i++) t.data()[i] *= scale;
        return t;
    }

    static void randomize(Parameter p, Rng rng) { KerasInit.uniform(p, 0.5f, rng); }
}
