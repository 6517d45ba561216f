package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Helpers shared by the property tests: random tensors, slicing, comparisons, one facade over the three kinds. */
final class Fixtures {
    /**
     * Two float32 computations of the same quantity that differ only in the order of additions (one GEMM over
     * T·B rows against T GEMMs over B rows, say) agree to a few ulps; 1e-5 of the largest magnitude is generous
     * for that and still catches any wrong term.
     */
    static final double TOL = 1e-5;

    private Fixtures() {}

    static Tensor randn(long seed, int... shape) { return Tensor.randn(new Rng(seed), shape); }

    static void assertClose(Tensor expected, Tensor actual, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected == null, actual == null, what + ": one of the tensors is null");
            return;
        }
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.data(), a = actual.data();
        double max = 0;
        for (float v : e) max = Math.max(max, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs((double) e[i] - a[i]);
            if (!(d <= TOL * Math.max(max, 1e-30))) {
                fail(what + " differs at flat index " + i + ": expected " + e[i] + ", got " + a[i]
                        + " (max |expected| " + max + ")");
            }
        }
    }

    /** {@code t[from:to, b:b+1, :]} of a rank-3 time-major tensor (or, generally, dims 0 and 1 sliced). */
    static Tensor slice(Tensor t, int from0, int to0, int from1, int to1) {
        int[] s = t.shape();
        int n0 = to0 - from0, n1 = to1 - from1, F = s[2];
        float[] out = new float[n0 * n1 * F];
        for (int i = 0; i < n0; i++) {
            for (int j = 0; j < n1; j++) {
                System.arraycopy(t.data(), ((from0 + i) * s[1] + from1 + j) * F, out, (i * n1 + j) * F, F);
            }
        }
        return new Tensor(out, n0, n1, F);
    }

    /** Concatenation along dimension 0 of rank-3 tensors. */
    static Tensor cat0(List<Tensor> parts) {
        int[] s = parts.get(0).shape();
        int n0 = parts.stream().mapToInt(p -> p.size(0)).sum();
        float[] out = new float[n0 * s[1] * s[2]];
        int off = 0;
        for (Tensor p : parts) {
            System.arraycopy(p.data(), 0, out, off, p.numel());
            off += p.numel();
        }
        return new Tensor(out, n0, s[1], s[2]);
    }

    /** [A, B, F] → [B, A, F]. */
    static Tensor swap01(Tensor t) {
        int[] s = t.shape();
        float[] out = new float[t.numel()];
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                System.arraycopy(t.data(), (i * s[1] + j) * s[2], out, (j * s[0] + i) * s[2], s[2]);
            }
        }
        return new Tensor(out, s[1], s[0], s[2]);
    }

    static Tensor zerosLike(Tensor t) { return Tensor.zeros(t.shape()); }

    static Tensor plus(Tensor a, Tensor b) {
        float[] out = a.data().clone();
        for (int i = 0; i < out.length; i++) out[i] += b.data()[i];
        return new Tensor(out, a.shape());
    }

    static Tensor scaled(Tensor a, float k) {
        float[] out = a.data().clone();
        for (int i = 0; i < out.length; i++) out[i] *= k;
        return new Tensor(out, a.shape());
    }

    static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.numel(); i++) s += (double) a.data()[i] * b.data()[i];
        return s;
    }

    /** Copies all parameter values of {@code from} into {@code to} (same names, same order). */
    static void copyParameters(List<Parameter> from, List<Parameter> to) {
        assertEquals(from.stream().map(Parameter::name).toList(), to.stream().map(Parameter::name).toList());
        for (int i = 0; i < from.size(); i++) to.get(i).set(from.get(i).value());
    }

    static int[] shape(int... s) { return s; }

    static String str(Tensor t) { return Arrays.toString(t.shape()); }

    /** Configurations covering every kind and feature: tanh/relu, bias/no bias, projection, 2 layers. */
    static List<RecurrentConfig> configs(boolean bidirectional, boolean batchFirst) {
        return List.of(
                new RecurrentConfig(RecurrentKind.LSTM, 3, 5, 2, true, batchFirst, 0f, bidirectional, 0,
                        Nonlinearity.TANH, 11),
                new RecurrentConfig(RecurrentKind.LSTM, 3, 6, 2, false, batchFirst, 0f, bidirectional, 4,
                        Nonlinearity.TANH, 12),
                new RecurrentConfig(RecurrentKind.GRU, 3, 5, 2, true, batchFirst, 0f, bidirectional, 0,
                        Nonlinearity.TANH, 13),
                new RecurrentConfig(RecurrentKind.GRU, 3, 4, 2, false, batchFirst, 0f, bidirectional, 0,
                        Nonlinearity.TANH, 16),
                new RecurrentConfig(RecurrentKind.RNN, 3, 5, 2, true, batchFirst, 0f, bidirectional, 0,
                        Nonlinearity.TANH, 14),
                new RecurrentConfig(RecurrentKind.RNN, 3, 5, 2, false, batchFirst, 0f, bidirectional, 0,
                        Nonlinearity.RELU, 15));
    }

    /** h0 shape for a config and batch: (D·L, B, Hout); c0 is (D·L, B, H) and only for LSTM. */
    static Tensor h0(RecurrentConfig c, int B, long seed) {
        return randn(seed, c.directions() * c.numLayers(), B, c.outputSize());
    }

    static Tensor c0(RecurrentConfig c, int B, long seed) {
        return c.kind() == RecurrentKind.LSTM ? randn(seed, c.directions() * c.numLayers(), B, c.hiddenSize()) : null;
    }
}
