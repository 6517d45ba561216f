package dev.rnn4j.nn;

import dev.rnn4j.testing.NumericalGradient;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class EmbeddingTest {
    @Test
    void forwardSelectsRowsAndKeepsIndexShape() {
        Embedding emb = new Embedding(5, 3, new Rng(1));
        int[] idx = {4, 0, 2, 4, 1, 1};
        Tensor y = emb.forward(idx, 2, 3);
        assertArrayEquals(new int[] {2, 3, 3}, y.shape());
        float[] w = emb.weight().data();
        for (int n = 0; n < idx.length; n++) {
            for (int d = 0; d < 3; d++) assertEquals(w[idx[n] * 3 + d], y.data()[n * 3 + d]);
        }
    }

    @Test
    void gradientMatchesCentralDifferencesWithRepeatedIndices() {
        Rng rng = new Rng(2);
        Embedding emb = new Embedding(6, 4, rng);
        int[] idx = {1, 3, 1, 5, 1, 0};
        Tensor gy = Tensor.randn(rng, 3, 2, 4);
        emb.backward(idx, gy);
        Parameter w = emb.weight();
        double[] numeric = NumericalGradient.of(w.data(), w.offset(), w.size(),
                () -> NumericalGradient.dot(emb.forward(idx, 3, 2).data(), gy.data()));
        NumericalGradient.assertMatches("Embedding dW", numeric, w.grad(), w.offset());
        for (int d = 0; d < 4; d++) assertEquals(0f, w.grad()[2 * 4 + d], "unused row 2 gets no gradient");
    }

    @Test
    void paddingRowStartsAtZeroAndGetsNoGradient() {
        Embedding emb = new Embedding(4, 3, -1, new Rng(3));
        assertEquals(3, emb.paddingIdx().getAsInt());
        Parameter w = emb.weight();
        for (int d = 0; d < 3; d++) assertEquals(0f, w.data()[9 + d]);
        emb.backward(new int[] {3, 0, 3}, Tensor.randn(new Rng(4), 3, 3));
        for (int d = 0; d < 3; d++) {
            assertEquals(0f, w.grad()[9 + d]);
            assertNotEquals(0f, w.grad()[d]);
        }
        assertTrue(new Embedding(4, 3, new Rng(0)).paddingIdx().isEmpty());
    }

    @Test
    void initialisationIsStandardNormal() {
        Embedding emb = new Embedding(200, 50, new Rng(5));
        double s = 0, s2 = 0;
        for (float v : emb.weight().value().data()) { s += v; s2 += v * v; }
        int n = 200 * 50;
        assertEquals(0, s / n, 0.03);
        assertEquals(1, s2 / n, 0.05);
    }

    @Test
    void clearErrors() {
        Embedding emb = new Embedding(5, 2, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class, () -> emb.forward(new int[] {0, 7, 1}, 3));
        assertEquals("Embedding index 7 at position 1 is out of range [0, 5)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> emb.forward(new int[] {-1}, 1));
        var s = assertThrows(IllegalArgumentException.class, () -> emb.forward(new int[] {0, 1, 2}, 2, 2));
        assertTrue(s.getMessage().contains("[2, 2]"), s.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 2, 5, new Rng(0)));
        assertEquals("Embedding paddingIdx must be in [-5, 5), got 5", p.getMessage());
    }
}
