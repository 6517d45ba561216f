package dev.rnn4j.check;

import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentKind;

/**
 * One recurrent step for one sample in double precision, written straight from PyTorch's equations
 * with no attention to speed. It is the yardstick the fast float32 layers are measured against.
 *
 * <pre>{@code
 * ReferenceCell cell = new ReferenceCell(RecurrentKind.GRU, Nonlinearity.TANH, 3, 4, 0, wIh, wHh, bIh, bHh, null);
 * ReferenceCell.State next = cell.step(x, h, null);   // next.h(): 4 values
 * }</pre>
 *
 * Weights are row-major {@code double[]} ({@code W[r * cols + k]}) and are read at every step, not
 * copied, so changing an element in place changes the function (the gradient checker relies on that).
 */
public final class ReferenceCell {
    private final RecurrentKind kind;
    private final boolean relu;
    private final int inputSize;
    private final int hiddenSize;
    private final int projSize;
    private final double[] weightIh;
    private final double[] weightHh;
    private final double[] biasIh;
    private final double[] biasHh;
    private final double[] weightHr;

    /** The state after a step; {@code c} is null except for LSTM. */
    public record State(double[] h, double[] c) {}

    /**
     * @param nonlinearity RNN only: tanh or relu (ignored by LSTM and GRU)
     * @param projSize LSTM projection size, 0 for none (then {@code weightHr} is null)
     * @param biasIh   null together with {@code biasHh} when the layer has no bias
     */
    public ReferenceCell(RecurrentKind kind, Nonlinearity nonlinearity, int inputSize, int hiddenSize, int projSize,
                         double[] weightIh, double[] weightHh, double[] biasIh, double[] biasHh, double[] weightHr) {
        int rows = kind.gates() * hiddenSize;
        int hOut = projSize > 0 ? projSize : hiddenSize;
        requireLength("weight_ih", weightIh, rows * inputSize);
        requireLength("weight_hh", weightHh, rows * hOut);
        if ((biasIh == null) != (biasHh == null)) throw new IllegalArgumentException("give both biases or neither");
        if (biasIh != null) {
            requireLength("bias_ih", biasIh, rows);
            requireLength("bias_hh", biasHh, rows);
        }
        if (projSize > 0) requireLength("weight_hr", weightHr, projSize * hiddenSize);
        this.kind = kind;
        this.relu = kind == RecurrentKind.RNN && nonlinearity == Nonlinearity.RELU;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.projSize = projSize;
        this.weightIh = weightIh;
        this.weightHh = weightHh;
        this.biasIh = biasIh;
        this.biasHh = biasHh;
        this.weightHr = weightHr;
    }

    /** Size of h (the projection size when projecting). */
    public int outputSize() { return projSize > 0 ? projSize : hiddenSize; }

    /** x: [inputSize], h: [outputSize()], c: [hiddenSize] for LSTM (else ignored). Inputs are not modified. */
    public State step(double[] x, double[] h, double[] c) {
        requireLength("x", x, inputSize);
        requireLength("h", h, outputSize());
        if (kind == RecurrentKind.LSTM) requireLength("c", c, hiddenSize);
        // Both affine maps kept apart, as PyTorch defines them: GRU needs W_hn h + b_hn on its own.
        double[] gi = affine(weightIh, biasIh, x);
        double[] gh = affine(weightHh, biasHh, h);
        return switch (kind) {
            case RNN -> rnn(gi, gh);
            case LSTM -> lstm(gi, gh, c);
            case GRU -> gru(gi, gh, h);
        };
    }

    /** h' = tanh(W_ih x + b_ih + W_hh h + b_hh), or relu(...) */
    private State rnn(double[] gi, double[] gh) {
        double[] hNext = new double[hiddenSize];
        for (int j = 0; j < hiddenSize; j++) {
            double a = gi[j] + gh[j];
            hNext[j] = relu ? Math.max(a, 0.0) : Math.tanh(a);
        }
        return new State(hNext, null);
    }

    /**
     * i, f, g, o = σ, σ, tanh, σ of (W_ih x + b_ih + W_hh h + b_hh) in row blocks [i, f, g, o];
     * c' = f ⊙ c + i ⊙ g;  h' = o ⊙ tanh(c'), then h' = W_hr h' with a projection.
     */
    private State lstm(double[] gi, double[] gh, double[] c) {
        int n = hiddenSize;
        double[] cNext = new double[n];
        double[] hNext = new double[n];
        for (int j = 0; j < n; j++) {
            double i = sigmoid(gi[j] + gh[j]);
            double f = sigmoid(gi[n + j] + gh[n + j]);
            double g = Math.tanh(gi[2 * n + j] + gh[2 * n + j]);
            double o = sigmoid(gi[3 * n + j] + gh[3 * n + j]);
            cNext[j] = f * c[j] + i * g;
            hNext[j] = o * Math.tanh(cNext[j]);
        }
        if (projSize > 0) hNext = matVec(weightHr, projSize, hiddenSize, hNext);
        return new State(hNext, cNext);
    }

    /**
     * r = σ(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),
     * h' = (1 − z) ⊙ n + z ⊙ h.
     */
    private State gru(double[] gi, double[] gh, double[] h) {
        int n = hiddenSize;
        double[] hNext = new double[n];
        for (int j = 0; j < n; j++) {
            double r = sigmoid(gi[j] + gh[j]);
            double z = sigmoid(gi[n + j] + gh[n + j]);
            double cand = Math.tanh(gi[2 * n + j] + r * gh[2 * n + j]);
            hNext[j] = (1 - z) * cand + z * h[j];
        }
        return new State(hNext, null);
    }

    /** W v + b for W with v.length columns; b may be null. */
    private double[] affine(double[] w, double[] b, double[] v) {
        int rows = kind.gates() * hiddenSize;
        double[] y = matVec(w, rows, v.length, v);
        if (b != null) for (int r = 0; r < rows; r++) y[r] += b[r];
        return y;
    }

    private static double[] matVec(double[] w, int rows, int cols, double[] v) {
        if (w.length != rows * cols) {
            throw new IllegalArgumentException("weight has " + w.length + " values, expected " + rows + " x " + cols);
        }
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int k = 0; k < cols; k++) s += w[r * cols + k] * v[k];
            y[r] = s;
        }
        return y;
    }

    private static double sigmoid(double a) { return 1.0 / (1.0 + Math.exp(-a)); }

    private static void requireLength(String name, double[] a, int expected) {
        int got = a == null ? -1 : a.length;
        if (got != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " values, got "
                    + (a == null ? "none" : got));
        }
    }
}
