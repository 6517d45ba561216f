package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.testing.NumericalGradient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** Keras's two-input sequence-to-sequence model: forward, backward through the states, training and its refusals. */
class EncoderDecoderTest {
    private static final Tensor SOURCE = Inputs.padPost(new int[][] {{1, 2, 3}, {4, 5}, {6, 1, 1}}, 3);
    private static final Tensor TARGET_IN = Inputs.tokens(new int[][] {{7, 2, 3, 1}, {7, 5, 4, 0}, {7, 6, 6, 1}});
    private static final Tensor TARGET_OUT = Inputs.tokens(new int[][] {{2, 3, 1, 0}, {5, 4, 0, 0}, {6, 6, 1, 0}});

    private static EncoderDecoder lstmModel(Layer... head) {
        List<Layer> decoder = new java.util.ArrayList<>(List.of(new Embedding(8, 3),
                new LSTM(4).returnSequences(true).returnState(true)));
        decoder.addAll(List.of(head));
        return EncoderDecoder.of(List.of(new Embedding(7, 3).maskZero(true), new LSTM(4).returnState(true)), decoder)
                .seed(3);
    }

    @Test
    void namesAndShapesAsKerasGivesThem() {
        EncoderDecoder m = lstmModel(new Dense(8, Activation.SOFTMAX));
        m.build(Shape.of(Shape.NONE, Shape.NONE), Shape.of(Shape.NONE, Shape.NONE));
        assertEquals(List.of("embedding", "lstm", "embedding_1", "lstm_1", "dense"), m.layerNames());
        assertEquals(Shape.of(Shape.NONE, Shape.NONE, 8), m.outputShape());
        assertEquals(List.of(new StateLink(1, 1)), m.stateLinks());
        // embeddings 21 + 24, two LSTMs of 4 on 3 inputs 4·4·(3 + 4 + 1) = 128 each, dense 4·8 + 8
        assertEquals(21 + 24 + 128 + 128 + 40, m.trainableParams());
        assertArrayEquals(new int[] {3, 4, 8}, m.predict(List.of(SOURCE, TARGET_IN), 2).shape());
    }

    @Test
    void gradientsOfEveryParameterThroughTheStates() {
        for (Loss loss : List.of(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Loss.CATEGORICAL_CROSSENTROPY)) {
            EncoderDecoder m = lstmModel(new Dense(8, Activation.SOFTMAX));
            m.build(Shape.of(Shape.NONE, Shape.NONE), Shape.of(Shape.NONE, Shape.NONE));
            Tensor y = loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY ? TARGET_OUT : oneHot(TARGET_OUT, 8);
            checkGradients(loss.toString(), m, loss, y);
        }
    }

    @Test
    void gruStatesAndAStateLayerThatIsLast() {
        EncoderDecoder m = EncoderDecoder.of(List.of(new GRU(3).returnSequences(true), new GRU(4).returnState(true)),
                List.of(new GRU(4).returnSequences(true))).seed(4);
        Rng rng = new Rng(9);
        Tensor src = Tensor.randn(rng, 2, 3, 2), tgt = Tensor.randn(rng, 2, 4, 5), y = Tensor.randn(rng, 2, 4, 4);
        m.build(Shape.of(Shape.NONE, Shape.NONE, 2), Shape.of(Shape.NONE, Shape.NONE, 5));
        assertEquals(List.of(new StateLink(1, 0)), m.stateLinks());
        DoubleSupplier value = () -> Objective.compute(Loss.MSE, m.call(src, tgt, false).last(), y, false).loss();
        EncoderDecoderCall call = m.call(src, tgt, false);
        call.backward(Objective.compute(Loss.MSE, call.last(), y, true).gradient());
        for (Parameter p : m.parameters()) {
            NumericalGradient.assertMatches("GRU " + p.name(), NumericalGradient.of(p.data(), p.offset(), p.size(),
                    value), p.grad(), p.offset());
        }
    }

    @Test
    void aStackedEncoderHandsEachLayersStatesToItsDecoderLayer() {
        // Keras's multi-layer seq2seq: encoder LSTM k's [h, c] start decoder LSTM k
        EncoderDecoder m = EncoderDecoder.of(
                List.of(new Embedding(7, 3).maskZero(true), new LSTM(4).returnSequences(true).returnState(true),
                        new LSTM(5).returnState(true)),
                List.of(new Embedding(8, 3), new LSTM(4).returnSequences(true), new LSTM(5).returnSequences(true),
                        new Dense(8, Activation.SOFTMAX))).seed(7);
        assertEquals(List.of(new StateLink(1, 1), new StateLink(2, 2)), m.stateLinks());
        m.build(Shape.of(Shape.NONE, Shape.NONE), Shape.of(Shape.NONE, Shape.NONE));
        checkGradients("stacked", m, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, TARGET_OUT);
        Parameter firstEncoderKernel = m.encoderLayers().get(1).parameters().getFirst();
        assertNotEquals(0f, firstEncoderKernel.gradient().data()[0], "encoder layer 1 trains through its states");
        var tooFew = assertThrows(IllegalArgumentException.class, () -> EncoderDecoder.of(
                List.of(new LSTM(4).returnSequences(true).returnState(true), new LSTM(4).returnState(true)),
                List.of(new LSTM(4).returnSequences(true), new Dense(2))));
        assertTrue(tooFew.getMessage().contains("the states of 2 layers"), tooFew.getMessage());
    }

    @Test
    void theDecoderStartsFromTheEncodersFinalStates() {
        EncoderDecoder m = lstmModel(new Dense(8, Activation.SOFTMAX));
        EncoderDecoderCall call = m.call(SOURCE, TARGET_IN, false);
        // The same layers composed by hand: the decoder's LSTM given the encoder's states.
        List<Layer> enc = m.encoderLayers(), dec = m.decoderLayers();
        LayerCall s = enc.get(0).call(SOURCE, null, false);
        RecurrentCall e = ((LSTM) enc.get(1)).call(s.output(), s.lengths(), null, false);
        LayerCall t = dec.get(0).call(TARGET_IN, null, false);
        RecurrentCall d = ((LSTM) dec.get(1)).call(t.output(), t.lengths(), e.states(), false);
        Tensor out = dec.get(2).call(d.output(), d.lengths(), false).output();
        assertArrayEquals(out.data(), call.output().data());
        assertArrayEquals(e.states().get(1).data(), call.states().get(1).data());
        RecurrentCall zeros = ((LSTM) dec.get(1)).call(t.output(), t.lengths(), null, false);
        assertFalse(java.util.Arrays.equals(zeros.output().data(), d.output().data()), "the states change the output");
    }

    @Test
    void fitLearnsToReverseSequencesAndIsRepeatable() {
        int n = 256, len = 5, vocab = 6;
        Tensor[] data = reversal(new Rng(5), n, len, vocab);
        Tensor x1 = data[0], x2 = data[1], y = data[2];
        double[] accuracy = new double[2];
        float[][] weights = new float[2][];
        for (int run = 0; run < 2; run++) {
            EncoderDecoder m = EncoderDecoder.of(List.of(new Embedding(vocab, 8), new LSTM(32).returnState(true)),
                    List.of(new Embedding(vocab + 1, 8), new LSTM(32).returnSequences(true),
                            new Dense(vocab, Activation.SOFTMAX))).seed(11);
            m.compile(KerasOptimizers.adam(1e-2), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Metric.ACCURACY);
            History h = m.fit(List.of(x1, x2), y, FitConfig.defaults().withEpochs(25).withBatchSize(32)
                    .withValidationSplit(0.25));
            assertTrue(h.epochs().getLast().loss() < 0.5 * h.epochs().getFirst().loss(), "the loss falls: " + h);
            accuracy[run] = m.evaluate(List.of(x1, x2), y, 64).accuracy();
            weights[run] = m.buffer().data().clone();
        }
        assertTrue(accuracy[0] > 0.9, "reversal learnt: accuracy " + accuracy[0]);
        assertArrayEquals(weights[0], weights[1], "the same seed trains the same weights");
    }

    @Test
    void greedyDecodingStepByStepAgreesWithTheTeacherForcedPass() {
        int n = 256, len = 4, vocab = 6, start = vocab;
        Tensor[] data = reversal(new Rng(6), n, len, vocab);
        Tensor source = data[0];
        float[] out = data[2].data();
        EncoderDecoder m = EncoderDecoder.of(List.of(new Embedding(vocab, 8), new GRU(24).returnState(true)),
                List.of(new Embedding(vocab + 1, 8), new GRU(24).returnSequences(true), new LSTM(16)
                        .returnSequences(true), new Dense(vocab, Activation.SOFTMAX))).seed(12);
        m.compile(KerasOptimizers.adam(1e-2), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        m.fit(List.of(source, data[1]), data[2], FitConfig.defaults().withEpochs(40));
        int[][] ids = m.decodeGreedy(source, start, -1, len);
        int right = 0;
        float[] fedBack = new float[n * len];
        for (int i = 0; i < n; i++) {
            assertEquals(len, ids[i].length);
            for (int t = 0; t < len; t++) {
                if (ids[i][t] == out[i * len + t]) right++;
                fedBack[i * len + t] = t == 0 ? start : ids[i][t - 1];
            }
        }
        assertTrue(right > 0.8 * n * len, "reversed by decoding: " + right + " of " + n * len);
        // Fed its own outputs as the decoder input, the whole-sequence pass picks the same ids at every step.
        Tensor p = m.predict(List.of(source, new Tensor(fedBack, n, len)), 32);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < len; t++) {
                int row = (i * len + t) * vocab, best = 0;
                for (int v = 1; v < vocab; v++) if (p.data()[row + v] > p.data()[row + best]) best = v;
                assertEquals(ids[i][t], best, "row " + i + " step " + t);
            }
        }
        int[][] stopped = m.decodeGreedy(source, start, ids[0][1], len);
        assertArrayEquals(new int[] {ids[0][0]}, stopped[0], "a row ends before its stop id");
        // A beam of one is the greedy path; a beam of three finds sequences at least as likely, as often right.
        Tensor some = Fitting.rows(source, Fitting.range(0, 40), 0, 40);
        int[][] one = m.decodeBeam(some, start, -1, 1, len), three = m.decodeBeam(some, start, -1, 3, len);
        int beamRight = 0;
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(ids[i], one[i], "row " + i);
            for (int t = 0; t < len; t++) if (three[i][t] == out[i * len + t]) beamRight++;
        }
        assertTrue(beamRight > 0.8 * 40 * len, "reversed by the beam: " + beamRight + " of " + 40 * len);
    }

    @Test
    void refusesWhatItCannotRun() {
        var noState = assertThrows(IllegalArgumentException.class, () -> EncoderDecoder.of(List.of(new LSTM(4)),
                List.of(new LSTM(4))));
        assertTrue(noState.getMessage().contains("returnState(true)"), noState.getMessage());
        var units = assertThrows(IllegalArgumentException.class, () -> EncoderDecoder.of(
                List.of(new LSTM(4).returnState(true)), List.of(new LSTM(5))));
        assertTrue(units.getMessage().contains("takes 2 of 5"), units.getMessage());
        var kinds = assertThrows(IllegalArgumentException.class, () -> EncoderDecoder.of(
                List.of(new GRU(4).returnState(true)), List.of(new LSTM(4))));
        assertTrue(kinds.getMessage().contains("gives 1 state(s)"), kinds.getMessage());
        var stateful = assertThrows(IllegalArgumentException.class, () -> EncoderDecoder.of(
                List.of(new LSTM(4).returnState(true)), List.of(new LSTM(4).stateful(true))));
        assertTrue(stateful.getMessage().contains("stateful"), stateful.getMessage());
        EncoderDecoder m = lstmModel(new Dense(8, Activation.SOFTMAX));
        m.compile("adam", "sparse_categorical_crossentropy");
        var counts = assertThrows(IllegalArgumentException.class, () -> m.predict(List.of(SOURCE,
                Inputs.tokens(new int[][] {{7, 1}})), 4));
        assertTrue(counts.getMessage().contains("same number of examples"), counts.getMessage());
        var one = assertThrows(IllegalArgumentException.class, () -> m.predict(List.of(SOURCE), 4));
        assertTrue(one.getMessage().contains("two inputs"), one.getMessage());
        var validation = assertThrows(IllegalArgumentException.class, () -> m.fit(List.of(SOURCE, TARGET_IN),
                TARGET_OUT, FitConfig.defaults().withValidationData(SOURCE, TARGET_OUT)));
        assertTrue(validation.getMessage().contains("validationInputs"), validation.getMessage());
        var ids = assertThrows(IllegalArgumentException.class, () -> m.fit(List.of(SOURCE, TARGET_IN),
                Inputs.tokens(new int[][] {{9, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}), FitConfig.defaults()));
        assertTrue(ids.getMessage().contains("class ids in [0, 8)"), ids.getMessage());
    }

    private static void checkGradients(String what, EncoderDecoder m, Loss loss, Tensor y) {
        DoubleSupplier value = () -> Objective.compute(loss, m.call(SOURCE, TARGET_IN, false).last(), y, false)
                .loss();
        EncoderDecoderCall call = m.call(SOURCE, TARGET_IN, false);
        Objective.Result r = Objective.compute(loss, call.last(), y, true);
        assertTrue(r.wrtPreActivation());
        call.backwardFromPreActivation(r.gradient());
        for (Parameter p : m.parameters()) {
            NumericalGradient.assertMatches(what + " " + p.name(), NumericalGradient.of(p.data(), p.offset(),
                    p.size(), value), p.grad(), p.offset());
        }
        Parameter encoderKernel = m.encoderLayers().get(1).parameters().getFirst();
        assertNotEquals(0f, encoderKernel.gradient().data()[0], "the encoder trains through the states");
    }

    /**
     * {source, decoder input, target} of the reversal task: n rows of len tokens in 1..vocab−1 (0 pads), the target
     * the source reversed, the decoder input the target shifted right after the start id {@code vocab}.
     */
    private static Tensor[] reversal(Rng rng, int n, int len, int vocab) {
        float[] src = new float[n * len], in = new float[n * len], out = new float[n * len];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < len; t++) src[i * len + t] = 1 + rng.nextInt(vocab - 1);
            for (int t = 0; t < len; t++) {
                out[i * len + t] = src[i * len + len - 1 - t];
                in[i * len + t] = t == 0 ? vocab : out[i * len + t - 1];
            }
        }
        return new Tensor[] {new Tensor(src, n, len), new Tensor(in, n, len), new Tensor(out, n, len)};
    }

    private static Tensor oneHot(Tensor ids, int classes) {
        float[] v = new float[ids.numel() * classes];
        for (int i = 0; i < ids.numel(); i++) v[i * classes + (int) ids.data()[i]] = 1;
        int[] shape = java.util.Arrays.copyOf(ids.shape(), ids.rank() + 1);
        shape[ids.rank()] = classes;
        return new Tensor(v, shape);
    }
}
