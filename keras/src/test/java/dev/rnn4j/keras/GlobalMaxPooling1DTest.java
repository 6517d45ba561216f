package dev.rnn4j.keras;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class GlobalMaxPooling1DTest {
    @Test
    void maxOverAllStepsAsKerasAndGradientToTheArgmax() {
        GlobalMaxPooling1D pool = new GlobalMaxPooling1D();
        assertEquals(Shape.of(Shape.NONE, 2), pool.build(Shape.of(Shape.NONE, Shape.NONE, 2), new Rng(0)));
        // row 1 has 1 valid step, but Keras's GlobalMaxPooling1D takes no mask: its padded steps count too.
        Tensor x = new Tensor(new float[] {
                1, -5, 4, 3, 7, 9,      // row 0, steps 0..2, F = 2
                -1, -3, 8, 8, 5, 5}, 2, 3, 2);
        LayerCall c = pool.call(x, new int[] {3, 1}, false);
        assertArrayEquals(new float[] {7, 9, 8, 8}, c.output().data());
        Tensor dx = c.backward(new Tensor(new float[] {10, 20, 30, 40}, 2, 2));
        assertArrayEquals(new float[] {0, 0, 0, 0, 10, 20, 0, 0, 30, 40, 0, 0}, dx.data());
    }

    @Test
    void allPaddingRowStillPoolsItsStepsAndSummaryShowsTheLayer() {
        GlobalMaxPooling1D pool = new GlobalMaxPooling1D();
        pool.build(Shape.of(Shape.NONE, Shape.NONE, 1), new Rng(0));
        LayerCall c = pool.call(new Tensor(new float[] {4, 5}, 1, 2, 1), new int[] {0}, false);
        assertArrayEquals(new float[] {5}, c.output().data());
        assertArrayEquals(new float[] {0, 1}, c.backward(new Tensor(new float[] {1}, 1, 1)).data());

        String s = Sequential.of(new Embedding(100, 8), new SimpleRNN(4).returnSequences(true), new GlobalMaxPooling1D(),
                new Dense(1, Activation.SIGMOID)).summary(SummaryStyle.KERAS2);
        assertTrue(s.contains("global_max_pooling1d (Globa  (None, 4)") && s.contains(" lMaxPooling1D)\n")
                && s.contains("Total params: 857"),
                s);
    }
}
