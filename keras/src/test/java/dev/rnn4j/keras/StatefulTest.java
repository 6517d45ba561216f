package dev.rnn4j.keras;

import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Keras's {@code stateful=True}: a call starts where the call before ended, so a sequence fed in pieces gives what
 * it gives whole; {@code resetStates()} starts again; the batch size stays fixed; gradients stop at the boundary.
 */
class StatefulTest {
    private static final int B = 3, T = 8, F = 2;

    /** The model twice with the same weights: stateful and not. */
    private static Sequential[] pair(Function<Boolean, Layer> recurrent) {
        Sequential stateful = Sequential.of(recurrent.apply(true), new Dense(2)).seed(4);
        Sequential plain = Sequential.of(recurrent.apply(false), new Dense(2)).seed(4);
        stateful.build(Shape.NONE, F);
        plain.build(Shape.NONE, F);
        List<Parameter> from = plain.parameters(), to = stateful.parameters();
        for (int i = 0; i < from.size(); i++) to.get(i).set(from.get(i).value());
        return new Sequential[] {stateful, plain};
    }

    /** Steps [t0, t1) of x (B, T, F). */
    private static Tensor steps(Tensor x, int t0, int t1) {
        float[] out = new float[B * (t1 - t0) * F];
        for (int b = 0; b < B; b++) {
            System.arraycopy(x.data(), (b * T + t0) * F, out, b * (t1 - t0) * F, (t1 - t0) * F);
        }
        return new Tensor(out, B, t1 - t0, F);
    }

    @Test
    void aSequenceInPiecesGivesWhatItGivesWhole() {
        List<Function<Boolean, Layer>> kinds = List.of(s -> new LSTM(5).stateful(s), s -> new GRU(4).stateful(s),
                s -> new SimpleRNN(3).stateful(s), s -> new GRU(4).resetAfter(false).stateful(s),
                s -> new Bidirectional(new LSTM(3).stateful(s)));
        for (Function<Boolean, Layer> kind : kinds) {
            Sequential[] m = pair(kind);
            Tensor x = Tensor.randn(new Rng(9), B, T, F);
            Tensor whole = m[1].predict(x);
            if (m[0].layers().getFirst() instanceof Bidirectional) {
                // the backward direction runs each piece from its own end: pieces differ from the whole, as in Keras
                Tensor first = m[0].predict(steps(x, 0, 5));
                assertFalse(java.util.Arrays.equals(first.data(), m[0].predict(steps(x, 0, 5)).data()),
                        "the second call starts from the first one's states");
                continue;
            }
            m[0].predict(steps(x, 0, 3));
            m[0].predict(steps(x, 3, 5));
            Tensor last = m[0].predict(steps(x, 5, T));
            assertArrayEquals(whole.data(), last.data(), 1e-6f, m[0].layers().getFirst().toString());
            // reset: the first piece again gives what a fresh model gives
            m[0].resetStates();
            assertArrayEquals(m[1].predict(steps(x, 0, 3)).data(), m[0].predict(steps(x, 0, 3)).data(), 1e-6f);
        }
    }

    @Test
    void theBatchSizeStaysFixedUntilAReset() {
        Sequential[] m = pair(s -> new LSTM(4).stateful(s));
        m[0].predict(Tensor.randn(new Rng(1), B, T, F), B);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m[0].predict(Tensor.randn(new Rng(2), B + 1, T, F), B + 1));
        assertTrue(e.getMessage().contains("carries states for batches of 3, got a batch of 4"), e.getMessage());
        m[0].resetStates();
        m[0].predict(Tensor.randn(new Rng(2), B + 1, T, F), B + 1);
        assertEquals(B + 1, ((Recurrent) m[0].layers().getFirst()).statefulBatchSize());
    }

    @Test
    void fitCarriesTheStatesAndGradientsStopAtTheBoundary() {
        // a batch's gradient with carried states equals the gradient of the same batch given them as initial states
        Rng rng = new Rng(5);
        LSTM stateful = new LSTM(3);
        stateful.stateful(true).returnSequences(true);
        stateful.build(Shape.batchOf(Shape.NONE, F), rng);
        Tensor first = Tensor.randn(rng, B, T, F), second = Tensor.randn(rng, B, T, F);
        List<Tensor> carried = stateful.call(first, null, false).states();
        LayerCall c = stateful.call(second, null, true);
        Tensor w = Tensor.randn(rng, c.output().shape());
        for (Parameter p : stateful.parameters()) p.zeroGrad();
        c.backward(w);
        float[] expected = stateful.parameters().getFirst().grad().clone();
        stateful.resetStates();
        RecurrentCall given = stateful.call(second, null, carried, true);
        assertArrayEquals(c.output().data(), given.output().data());
        for (Parameter p : stateful.parameters()) p.zeroGrad();
        given.backward(w);
        assertArrayEquals(expected, stateful.parameters().getFirst().grad());
    }

    @Test
    void savesAndLoadsWithItsBatchSize(@TempDir Path dir) {
        Sequential[] m = pair(s -> new GRU(4).stateful(s));
        Tensor x = Tensor.randn(new Rng(3), B, T, F);
        m[0].predict(steps(x, 0, 4));
        KerasModels.save(m[0], dir.resolve("s.keras"));
        Sequential copy = KerasModels.load(dir.resolve("s.keras"));
        Recurrent gru = (Recurrent) copy.layers().getFirst();
        assertTrue(gru.isStateful());
        assertEquals(-1, gru.statefulBatchSize(), "states are not saved, as in Keras");
        assertEquals("GRU(4, stateful=True)", gru.toString());
        assertArrayEquals(m[1].predict(steps(x, 0, 4)).data(), copy.predict(steps(x, 0, 4)).data(), 1e-6f);
    }
}
