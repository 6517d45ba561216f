package dev.rnn4j.nn;

import dev.rnn4j.testing.NumericalGradient;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Attention's backward against central differences, with rows of different source lengths (padding ignored). */
class LuongAttentionTest {
    static final int B = 2, S = 4, T = 3, H = 5;
    static final int[] LENGTHS = {4, 2};

    private static float[] random(int n, Rng rng) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = rng.uniform(-1f, 1f);
        return x;
    }

    @Test
    void backwardMatchesCentralDifferencesForInputsAndWeights() {
        Rng rng = new Rng(21);
        LuongAttention att = new LuongAttention(H, rng.split());
        float[] enc = random(B * S * H, rng), dec = random(B * T * H, rng), w = random(B * T * H, rng);
        java.util.function.DoubleSupplier loss =
                () -> NumericalGradient.dot(att.forward(enc, LENGTHS, B, S, dec, T).output(), w);

        for (Parameter p : att.parameters()) p.zeroGrad();
        float[] dEnc = new float[enc.length], dDec = new float[dec.length];
        att.backward(att.forward(enc, LENGTHS, B, S, dec, T), w, dEnc, dDec);

        NumericalGradient.assertMatches("d enc", NumericalGradient.of(enc, loss), dEnc, 0);
        NumericalGradient.assertMatches("d dec", NumericalGradient.of(dec, loss), dDec, 0);
        for (Parameter p : att.parameters()) {
            NumericalGradient.assertMatches("d " + p.name(), NumericalGradient.of(p.data(), p.offset(), p.size(), loss),
                    p.grad(), p.offset());
        }
        // Padding beyond the second row's two source steps gets no gradient and no attention.
        for (int s = LENGTHS[1]; s < S; s++) {
            for (int k = 0; k < H; k++) assertEquals(0f, dEnc[((1 * S) + s) * H + k], "padding gradient");
        }
        LuongAttention.Saved saved = att.forward(enc, LENGTHS, B, S, dec, T);
        for (int t = 0; t < T; t++) {
            double sum = 0;
            for (int s = 0; s < S; s++) sum += saved.weights()[(1 * T + t) * S + s];
            assertEquals(1.0, sum, 1e-5, "weights of a step sum to one over the source");
            assertEquals(0f, saved.weights()[(1 * T + t) * S + 3]);
        }
    }

    @Test
    void mismatchedShapesAndLengthsAreNamed() {
        LuongAttention att = new LuongAttention(H, new Rng(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> att.forward(new float[B * S * H], new int[] {4, 5}, B, S, new float[B * T * H], T));
        assertEquals("source lengths must be in 1..4, got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> att.forward(new float[3], LENGTHS, B, S, new float[B * T * H], T));
        assertTrue(e.getMessage().startsWith("attention expects enc (B=2, S=4, H=5) = 40 values"), e.getMessage());
    }
}
