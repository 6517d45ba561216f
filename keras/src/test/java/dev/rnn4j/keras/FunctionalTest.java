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

/** Layers composed by hand, as the package documentation shows: calls in order, backward in reverse. */
class FunctionalTest {
    @Test
    void encoderDecoderGradientsReachTheEncoder() {
        Rng rng = new Rng(21);
        Embedding srcEmb = new Embedding(6, 3).maskZero(true), tgtEmb = new Embedding(6, 3);
        LSTM encoder = new LSTM(4).returnState(true);
        LSTM decoder = new LSTM(4).returnSequences(true);
        Dense head = new Dense(6, Activation.SOFTMAX);
        srcEmb.build(Shape.batchOf(Shape.NONE), rng);
        tgtEmb.build(Shape.batchOf(Shape.NONE), rng);
        encoder.build(Shape.batchOf(Shape.NONE, 3), rng);
        decoder.build(Shape.batchOf(Shape.NONE, 3), rng);
        head.build(Shape.batchOf(Shape.NONE, 4), rng);
        Tensor src = Inputs.padPost(new int[][] {{1, 2, 3}, {4, 5}}, 3), tgt = Inputs.tokens(new int[][] {{2, 3}, {5, 1}});
        Tensor w = Tensor.randn(rng, 2, 2, 6);

        List<Parameter> params = new ArrayList<>();
        for (Layer l : List.of(srcEmb, tgtEmb, encoder, decoder, head)) params.addAll(l.parameters());
        DoubleSupplier forward = () -> {
            LayerCall s = srcEmb.call(src, null, false), t = tgtEmb.call(tgt, null, false);
            RecurrentCall enc = encoder.call(s.output(), s.lengths(), false);
            RecurrentCall dec = decoder.call(t.output(), t.lengths(), enc.states(), false);
            return NumericalGradient.dot(head.call(dec.output(), dec.lengths(), false).output().data(), w.data());
        };

        LayerCall s = srcEmb.call(src, null, false), t = tgtEmb.call(tgt, null, false);
        assertArrayEquals(new int[] {3, 2}, s.lengths());
        RecurrentCall enc = encoder.call(s.output(), s.lengths(), false);
        RecurrentCall dec = decoder.call(t.output(), t.lengths(), enc.states(), false);
        Dense.Call out = head.call(dec.output(), dec.lengths(), false);
        RecurrentCall.Gradients gd = dec.backward(out.backward(w), null);
        assertNull(t.backward(gd.input()));
        RecurrentCall.Gradients ge = enc.backward(null, gd.initialState());
        s.backward(ge.input());

        for (Parameter p : params) {
            NumericalGradient.assertMatches(p.name(), NumericalGradient.of(p.data(), p.offset(), p.size(), forward), p.grad(), p.offset());
        }
        Parameter encoderKernel = encoder.parameters().get(0);
        assertNotEquals(0f, encoderKernel.gradient().data()[0], "the encoder is trained through the decoder's initial state");
    }

    @Test
    void sequentialIsALayerAndNests() {
        Sequential inner = Sequential.of(new LSTM(4).returnSequences(true), new Dropout(0.1));
        Sequential outer = Sequential.of(new Embedding(10, 3).maskZero(true), inner, new Dense(1, Activation.SIGMOID));
        assertTrue(outer.summary(SummaryStyle.KERAS2)
                .contains(" sequential (Sequential)     (None, None, 4)           128\n"),
                outer.summary(SummaryStyle.KERAS2));
        SequentialCall c = outer.call(Inputs.padPost(new int[][] {{1, 2}, {3}}, 2), null, true);
        assertArrayEquals(new int[] {2, 1}, c.lengths());
        c.backward(Tensor.zeros(2, 2, 1));
    }

    @Test
    void maskingGivesFloatSequencesLengths() {
        Masking m = new Masking(0);
        m.build(Shape.batchOf(Shape.NONE, 2), new Rng(0));
        Tensor x = new Tensor(new float[] {1, 2, 0, 0, 0, 0, /* row 2 */ 0, 0, 3, 0, 0, 0}, 2, 3, 2);
        assertArrayEquals(new int[] {1, 2}, m.call(x, null, false).lengths());
    }
}
