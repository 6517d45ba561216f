package dev.rnn4j.nn;

import dev.rnn4j.testing.NumericalGradient;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The GRU with the reset gate before the recurrent product ({@code resetAfter(false)}, Keras's
 * {@code reset_after=False}): forward against the equations written out in double, every gradient against
 * central differences, for one and two layers, both directions, with and without bias, with lengths.
 */
class GruResetBeforeTest {
    /** Float32 steps against the double equations: a few ulps of the values (|h| ≤ 1) per step. */
    private static final double FORWARD_TOLERANCE = 1e-5;

    @Test
    void forwardFollowsTheResetBeforeEquations() {
        Rng rng = new Rng(3);
        Gru gru = Gru.builder(3, 4).batchFirst(true).resetAfter(false).rng(new Rng(7)).build();
        Tensor x = Tensor.randn(rng, 2, 5, 3), h0 = Tensor.randn(rng, 1, 2, 4);
        RecurrentOutput out = gru.forward(x, null, h0, null);
        float[] wIh = gru.parameter("weight_ih_l0").value().data(), wHh = gru.parameter("weight_hh_l0").value().data();
        float[] bIh = gru.parameter("bias_ih_l0").value().data(), bHh = gru.parameter("bias_hh_l0").value().data();
        int H = 4, I = 3;
        double worst = 0;
        for (int b = 0; b < 2; b++) {
            double[] h = new double[H];
            for (int j = 0; j < H; j++) h[j] = h0.get(0, b, j);
            for (int t = 0; t < 5; t++) {
                double[] r = new double[H], z = new double[H], n = new double[H];
                for (int j = 0; j < H; j++) {
                    r[j] = sigmoid(affine(wIh, bIh, j, x, b, t, I) + recurrent(wHh, bHh, j, h, H));
                    z[j] = sigmoid(affine(wIh, bIh, H + j, x, b, t, I) + recurrent(wHh, bHh, H + j, h, H));
                }
                double[] rh = new double[H];
                for (int j = 0; j < H; j++) rh[j] = r[j] * h[j];
                for (int j = 0; j < H; j++) {
                    n[j] = Math.tanh(affine(wIh, bIh, 2 * H + j, x, b, t, I) + recurrent(wHh, bHh, 2 * H + j, rh, H));
                }
                for (int j = 0; j < H; j++) {
                    h[j] = (1 - z[j]) * n[j] + z[j] * h[j];
                    worst = Math.max(worst, Math.abs(h[j] - out.output().get(b, t, j)));
                }
            }
        }
        assertTrue(worst < FORWARD_TOLERANCE, "max error " + worst);
        // And it is a different function from PyTorch's GRU with the same weights.
        Gru after = Gru.builder(3, 4).batchFirst(true).rng(new Rng(7)).build();
        assertNotEquals(out.output().get(1, 4, 0), after.forward(x, null, h0, null).output().get(1, 4, 0));
    }

    @Test
    void gradientsMatchCentralDifferences() {
        long seed = 20;
        for (int layers = 1; layers <= 2; layers++) {
            for (boolean bidirectional : new boolean[] {false, true}) {
                for (boolean bias : new boolean[] {true, false}) {
                    for (int[] lengths : new int[][] {null, {4, 1, 3}}) {
                        check(layers, bidirectional, bias, lengths, seed++);
                    }
                }
            }
        }
    }

    @Test
    void optionIsGruOnly() {
        RecurrentConfig lstm =
                new RecurrentConfig(RecurrentKind.LSTM, 2, 3, 1, true, true, 0f, false, 0, Nonlinearity.TANH, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lstm.withResetAfter(false));
        assertTrue(e.getMessage().contains("GRU option"), e.getMessage());
        assertTrue(lstm.resetAfter());
    }

    /** Loss = output·w + h_n·v; checks dx, dh0 and every parameter. */
    private static void check(int layers, boolean bidirectional, boolean bias, int[] lengths, long seed) {
        String what = "layers=" + layers + " bidirectional=" + bidirectional + " bias=" + bias + " lengths="
                + (lengths != null);
        Rng rng = new Rng(seed);
        Gru gru = Gru.builder(3, 4).numLayers(layers).bidirectional(bidirectional).bias(bias).batchFirst(true)
                .resetAfter(false).rng(rng.split()).build();
        int D = bidirectional ? 2 : 1;
        // Halved inputs keep the curvature, and so the central differences' O(ε²) error, within the tolerance.
        Tensor x = halved(Tensor.randn(rng, 3, 4, 3)), h0 = halved(Tensor.randn(rng, layers * D, 3, 4));
        RecurrentOutput out = gru.forward(x, lengths, h0, null);
        Tensor w = Tensor.randn(rng, out.output().shape()), v = Tensor.randn(rng, out.hN().shape());
        for (Parameter p : gru.parameters()) p.zeroGrad();
        RecurrentGradients g = gru.backward(out, w, v, null);
        DoubleSupplier loss = () -> {
            RecurrentOutput o = gru.forward(x, lengths, h0, null);
            return NumericalGradient.dot(o.output().data(), w.data()) + NumericalGradient.dot(o.hN().data(), v.data());
        };
        NumericalGradient.assertMatches(what + " dx", NumericalGradient.of(x.data(), loss), g.input().data());
        NumericalGradient.assertMatches(what + " dh0", NumericalGradient.of(h0.data(), loss), g.h0().data());
        for (Parameter p : gru.parameters()) {
            NumericalGradient.assertMatches(what + " d" + p.name(),
                    NumericalGradient.of(p.data(), p.offset(), p.size(), loss), p.grad(), p.offset());
        }
    }

    private static Tensor halved(Tensor t) {
        for (int i = 0; i < t.numel(); i++) t.data()[i] *= 0.5f;
        return t;
    }

    private static double affine(float[] w, float[] b, int row, Tensor x, int batch, int t, int I) {
        double s = b[row];
        for (int k = 0; k < I; k++) s += (double) w[row * I + k] * x.get(batch, t, k);
        return s;
    }

    private static double recurrent(float[] w, float[] b, int row, double[] h, int H) {
        double s = b[row];
        for (int k = 0; k < H; k++) s += w[row * H + k] * h[k];
        return s;
    }

    private static double sigmoid(double v) { return 1 / (1 + Math.exp(-v)); }
}
