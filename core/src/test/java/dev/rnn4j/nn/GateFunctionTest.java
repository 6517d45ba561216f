package dev.rnn4j.nn;

import dev.rnn4j.testing.NumericalGradient;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * LSTM and GRU (reset gate before or after the recurrent product) with Keras's hard sigmoids as gate
 * functions: the LSTM and GRU forward against the equations in double, and every gradient against central
 * differences. The hard sigmoid has kinks at
 * ±2.5 (Keras 2) and ±3 (Keras 3); the inputs here are small enough that no pre-activation comes within the
 * differences' step of one, which the seeds fix.
 */
class GateFunctionTest {
    private static final double FORWARD_TOLERANCE = 1e-5;

    @Test
    void hardSigmoidValues() {
        assertEquals(0.5f, GateFunction.HARD_SIGMOID_KERAS2.apply(0f));
        assertEquals(0.9f, GateFunction.HARD_SIGMOID_KERAS2.apply(2f), 1e-7);
        assertEquals(1f, GateFunction.HARD_SIGMOID_KERAS2.apply(2.6f));
        assertEquals(0.5f + 2f / 6f, GateFunction.HARD_SIGMOID_KERAS3.apply(2f), 1e-7);
        assertEquals(0f, GateFunction.HARD_SIGMOID_KERAS3.apply(-3.5f));
        assertEquals(0f, GateFunction.HARD_SIGMOID_KERAS3.derivative(0f));
        assertEquals(0.2f, GateFunction.HARD_SIGMOID_KERAS2.derivative(0.3f));
    }

    @Test
    void lstmForwardFollowsTheEquations() {
        for (GateFunction gate : new GateFunction[] {GateFunction.HARD_SIGMOID_KERAS2, GateFunction.HARD_SIGMOID_KERAS3}) {
            Rng rng = new Rng(5);
            Lstm lstm = Lstm.builder(3, 4).batchFirst(true).gateFunction(gate).rng(new Rng(9)).build();
            Tensor x = Tensor.randn(rng, 2, 5, 3);
            RecurrentOutput out = lstm.forward(x);
            float[] wIh = lstm.parameter("weight_ih_l0").value().data(), wHh = lstm.parameter("weight_hh_l0").value().data();
            float[] bIh = lstm.parameter("bias_ih_l0").value().data(), bHh = lstm.parameter("bias_hh_l0").value().data();
            int H = 4, I = 3;
            double worst = 0;
            for (int b = 0; b < 2; b++) {
                double[] h = new double[H], c = new double[H];
                for (int t = 0; t < 5; t++) {
                    double[] z = new double[4 * H];
                    for (int r = 0; r < 4 * H; r++) {
                        z[r] = bIh[r] + bHh[r];
                        for (int k = 0; k < I; k++) z[r] += (double) wIh[r * I + k] * x.get(b, t, k);
                        for (int k = 0; k < H; k++) z[r] += wHh[r * H + k] * h[k];
                    }
                    for (int j = 0; j < H; j++) {
                        double i = hard(gate, z[j]), f = hard(gate, z[H + j]), g = Math.tanh(z[2 * H + j]), o = hard(gate, z[3 * H + j]);
                        c[j] = f * c[j] + i * g;
                        h[j] = o * Math.tanh(c[j]);
                        worst = Math.max(worst, Math.abs(h[j] - out.output().get(b, t, j)));
                    }
                }
            }
            assertTrue(worst < FORWARD_TOLERANCE, gate + ": max error " + worst);
        }
    }

    @Test
    void gruResetAfterForwardFollowsTheEquations() {
        for (GateFunction gate : new GateFunction[] {GateFunction.HARD_SIGMOID_KERAS2,
                GateFunction.HARD_SIGMOID_KERAS3}) {
            Gru gru = Gru.builder(3, 4).batchFirst(true).gateFunction(gate).rng(new Rng(11)).build();
            Tensor x = Tensor.randn(new Rng(6), 2, 5, 3);
            RecurrentOutput out = gru.forward(x);
            float[] wIh = gru.parameter("weight_ih_l0").value().data();
            float[] wHh = gru.parameter("weight_hh_l0").value().data();
            float[] bIh = gru.parameter("bias_ih_l0").value().data(), bHh = gru.parameter("bias_hh_l0").value().data();
            int H = 4, I = 3;
            double worst = 0;
            for (int b = 0; b < 2; b++) {
                double[] h = new double[H];
                for (int t = 0; t < 5; t++) {
                    double[] gx = new double[3 * H], gh = new double[3 * H];
                    for (int r = 0; r < 3 * H; r++) {
                        gx[r] = bIh[r];
                        gh[r] = bHh[r];
                        for (int k = 0; k < I; k++) gx[r] += (double) wIh[r * I + k] * x.get(b, t, k);
                        for (int k = 0; k < H; k++) gh[r] += wHh[r * H + k] * h[k];
                    }
                    double[] next = new double[H];
                    for (int j = 0; j < H; j++) {
                        double r = hard(gate, gx[j] + gh[j]), z = hard(gate, gx[H + j] + gh[H + j]);
                        double n = Math.tanh(gx[2 * H + j] + r * gh[2 * H + j]);
                        next[j] = (1 - z) * n + z * h[j];
                        worst = Math.max(worst, Math.abs(next[j] - out.output().get(b, t, j)));
                    }
                    h = next;
                }
            }
            assertTrue(worst < FORWARD_TOLERANCE, gate + ": max error " + worst);
        }
    }

    @Test
    void gradientsMatchCentralDifferences() {
        long seed = 40;
        for (GateFunction gate : new GateFunction[] {GateFunction.HARD_SIGMOID_KERAS2, GateFunction.HARD_SIGMOID_KERAS3}) {
            for (boolean bidirectional : new boolean[] {false, true}) {
                for (int[] lengths : new int[][] {null, {4, 1, 3}}) {
                    int layers = bidirectional ? 2 : 1;
                    Lstm lstm = Lstm.builder(3, 4).numLayers(layers).bidirectional(bidirectional).batchFirst(true)
                            .gateFunction(gate).rng(new Rng(seed)).build();
                    check("LSTM " + gate + " bidirectional=" + bidirectional, lstm, lengths, true, seed++);
                    Gru gru = Gru.builder(3, 4).numLayers(layers).bidirectional(bidirectional).bias(lengths == null)
                            .batchFirst(true).resetAfter(false).gateFunction(gate).rng(new Rng(seed)).build();
                    check("GRU " + gate + " bidirectional=" + bidirectional, gru, lengths, false, seed++);
                    Gru after = Gru.builder(3, 4).numLayers(layers).bidirectional(bidirectional).bias(lengths == null)
                            .batchFirst(true).gateFunction(gate).rng(new Rng(seed)).build();
                    check("GRU reset after " + gate + " bidirectional=" + bidirectional, after, lengths, false, seed++);
                }
            }
        }
    }

    @Test
    void unsupportedCombinationsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Lstm.builder(2, 3).projSize(2).gateFunction(GateFunction.HARD_SIGMOID_KERAS3).build());
    }

    /** Loss = output·w + h_n·v (+ c_n·u); checks dx, dh0 (dc0) and every parameter. */
    private static void check(String what, StackedRecurrent net, int[] lengths, boolean lstm, long seed) {
        Rng rng = new Rng(seed * 31);
        int D = net.config().directions() * net.config().numLayers();
        Tensor x = scaled(Tensor.randn(rng, 3, 4, 3)), h0 = scaled(Tensor.randn(rng, D, 3, 4));
        Tensor c0 = lstm ? scaled(Tensor.randn(rng, D, 3, 4)) : null;
        RecurrentOutput out = net.forward(x, lengths, h0, c0);
        Tensor w = Tensor.randn(rng, out.output().shape()), v = Tensor.randn(rng, out.hN().shape());
        Tensor u = lstm ? Tensor.randn(rng, out.cN().shape()) : null;
        for (Parameter p : net.parameters()) p.zeroGrad();
        RecurrentGradients g = net.backward(out, w, v, u);
        DoubleSupplier loss = () -> {
            RecurrentOutput o = net.forward(x, lengths, h0, c0);
            double s = NumericalGradient.dot(o.output().data(), w.data()) + NumericalGradient.dot(o.hN().data(), v.data());
            return lstm ? s + NumericalGradient.dot(o.cN().data(), u.data()) : s;
        };
        NumericalGradient.assertMatches(what + " dx", NumericalGradient.of(x.data(), loss), g.input().data());
        NumericalGradient.assertMatches(what + " dh0", NumericalGradient.of(h0.data(), loss), g.h0().data());
        if (lstm) NumericalGradient.assertMatches(what + " dc0", NumericalGradient.of(c0.data(), loss), g.c0().data());
        for (Parameter p : net.parameters()) {
            NumericalGradient.assertMatches(what + " d" + p.name(), NumericalGradient.of(p.data(), p.offset(), p.size(), loss),
                    p.grad(), p.offset());
        }
    }

    private static Tensor scaled(Tensor t) {
        for (int i = 0; i < t.numel(); i++) t.data()[i] *= 0.5f;
        return t;
    }

    private static double hard(GateFunction gate, double v) {
        return gate == GateFunction.HARD_SIGMOID_KERAS2 ? Math.clamp(0.2 * v + 0.5, 0, 1) : Math.clamp(v / 6 + 0.5, 0, 1);
    }
}
