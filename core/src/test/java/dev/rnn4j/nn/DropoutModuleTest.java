package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DropoutModuleTest {
    @Test
    void trainingZeroesAboutPAndScalesSurvivors() {
        Dropout drop = new Dropout(0.3f, new Rng(1));
        Tensor x = Tensor.randn(new Rng(2), 100, 100);
        Dropout.Saved s = drop.forward(x);
        int zeros = 0;
        for (int i = 0; i < x.numel(); i++) {
            float m = s.mask()[i];
            assertTrue(m == 0f || m == 1f / 0.7f, "mask " + m);
            assertEquals(x.data()[i] * m, s.output().data()[i]);
            if (m == 0f) zeros++;
        }
        assertEquals(0.3, zeros / 10000.0, 0.02);
    }

    @Test
    void backwardAppliesTheMaskOfItsOwnForward() {
        Dropout drop = new Dropout(0.5f, new Rng(3));
        Tensor x = Tensor.randn(new Rng(4), 4, 6);
        Dropout.Saved first = drop.forward(x), second = drop.forward(x);
        assertFalse(java.util.Arrays.equals(first.mask(), second.mask()));
        Tensor dy = Tensor.randn(new Rng(5), 4, 6);
        Tensor dx = drop.backward(first, dy);
        for (int i = 0; i < dy.numel(); i++) assertEquals(dy.data()[i] * first.mask()[i], dx.data()[i]);
    }

    @Test
    void evaluationAndZeroProbabilityAreIdentity() {
        Tensor x = Tensor.randn(new Rng(6), 3, 3);
        Dropout drop = new Dropout(0.5f, new Rng(7));
        drop.train(false);
        assertSame(x, drop.forward(x).output());
        assertSame(x, new Dropout(0f, new Rng(7)).forward(x).output());
    }

    @Test
    void sameSeedSameMask() {
        Tensor x = Tensor.randn(new Rng(8), 50);
        assertArrayEquals(new Dropout(0.2f, new Rng(9)).forward(x).mask(),
                new Dropout(0.2f, new Rng(9)).forward(x).mask());
    }

    @Test
    void probabilityOutsideRangeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1f, new Rng(0)));
        assertEquals("Dropout probability p must be in [0, 1), got 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1f, new Rng(0)));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Float.NaN, new Rng(0)));
    }
}
