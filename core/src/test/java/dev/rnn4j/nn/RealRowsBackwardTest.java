package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A batch with lengths multiplies only its real rows in backward ({@code GateWeightGradients.realRowsBackward}): the
 * weight gradients, the bias gradients and dx must have the bits of the products over every row, whose padded rows hold
 * zeros in dL/da. Two k slices (2,400 rows), padding inside both, x's padded rows holding other values (the layers
 * leave the caller's padding as it is), LSTM's shared dL/da and GRU's two, dx written and accumulated.
 */
class RealRowsBackwardTest {
    private static final int T = 300, B = 8, I = 24;
    private static final int[] LENGTHS = {300, 300, 271, 250, 199, 120, 33, 1};

    @Test
    void realRowsGiveTheBitsOfEveryRowForOneDA() {
        check(4, 16, false, false, LENGTHS);
        check(4, 16, false, true, LENGTHS);
    }

    /**
     * The second slice (steps 150–299) holds one real row: its dx must not take the one-row product's path, which
     * sums k in one run where the blocked product sums slices of up to 2,048 (G 2,080 here).
     */
    @Test
    void aSliceWithOneRealRowKeepsTheBits() {
        int[] lengths = {151, 150, 120, 99, 60, 30, 2, 1};
        check(4, 520, false, false, lengths);
        check(3, 16, true, true, lengths);
    }

    @Test
    void realRowsGiveTheBitsOfEveryRowForGrusTwoDA() {
        check(3, 16, true, false, LENGTHS);
        check(3, 16, true, true, LENGTHS);
    }

    private static void check(int gates, int H, boolean twoSides, boolean accumulateDx, int[] lengths) {
        int G = gates * H, rows = T * B;
        Rng rng = new Rng(gates * 10L + (accumulateDx ? 1 : 0));
        float[] x = Tensor.randn(rng, rows, I).data(), hPrev = Tensor.randn(rng, rows, H).data();
        float[] dAx = Tensor.randn(rng, rows, G).data();
        // GRU: the hidden side differs in the n block only, which is kept alone
        float[] dAhN = twoSides ? Tensor.randn(rng, rows, H).data() : null;
        for (int r = 0; r < rows; r++) {
            if (r / B < lengths[r % B]) continue;
            Arrays.fill(dAx, r * G, r * G + G, 0f);           // what the layers' backward leaves in padded rows
            if (twoSides) Arrays.fill(dAhN, r * H, r * H + H, 0f);
        }
        float[] dxStart = Tensor.randn(rng, rows, I).data();

        GateWeights every = weights(G, H), real = weights(G, H);
        float[] dxEvery = dxStart.clone(), dxReal = dxStart.clone();
        float[] dAxEvery = dAx.clone();
        every.gradients.afterSweep(x, null, hPrev.clone(), dAxEvery, twoSides ? dAhN.clone() : null, rows, dxEvery,
                accumulateDx);
        float[] dAxReal = dAx.clone();
        real.gradients.afterSweep(x, null, hPrev.clone(), dAxReal, twoSides ? dAhN.clone() : null, rows, dxReal,
                accumulateDx, lengths, B);

        String what = (twoSides ? "two dL/da" : "one dL/da") + (accumulateDx ? ", dx accumulated" : "");
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(every.list().get(i).grad(), real.list().get(i).grad(), every.list().get(i).name() + ", "
                    + what);
        }
        assertArrayEquals(dxEvery, dxReal, "dx, " + what);
        if (!accumulateDx) {
            for (int r = 0; r < rows; r++) {
                if (r / B >= lengths[r % B]) assertEquals(0f, dxReal[r * I], "padded dx row " + r);
            }
        }
    }

    /** Weights with fixed values and gradients already holding something (gradients accumulate). */
    private static GateWeights weights(int G, int H) {
        GateWeights w = new GateWeights(G, I, H, true, "_l0");
        Rng rng = new Rng(7);
        for (Parameter p : w.list()) {
            float[] v = Tensor.randn(rng, p.data().length).data();
            System.arraycopy(v, 0, p.data(), p.offset(), v.length);
            float[] g = Tensor.randn(rng, p.grad().length).data();
            System.arraycopy(g, 0, p.grad(), p.offset(), g.length);
        }
        return w;
    }
}
