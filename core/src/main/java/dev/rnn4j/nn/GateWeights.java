package dev.rnn4j.nn;

import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.Rows;

import java.util.ArrayList;
import java.util.List;

/**
 * The weights every recurrent layer has, under PyTorch's names ({@code weight_ih_l0}, {@code weight_hh_l0},
 * {@code bias_ih_l0}, {@code bias_hh_l0} + suffix), and the matrix products on them. With G gate blocks
 * of width H, input width I and recurrent width P: {@code W_ih [G·H, I]}, {@code W_hh [G·H, P]}, biases [G·H].
 * Values are read through {@link Parameter#data()} at every call (they may move into a shared buffer).
 */
final class GateWeights {
    final Parameter weightIh, weightHh, biasIh, biasHh;   // biases null without bias
    final int G, I, P;                                     // G = gates·H (rows), I input, P recurrent width

    GateWeights(int rows, int inputSize, int recurrentSize, boolean bias, String suffix) {
        this.G = rows;
        this.I = inputSize;
        this.P = recurrentSize;
        weightIh = new Parameter("weight_ih" + suffix, rows, inputSize);
        weightHh = new Parameter("weight_hh" + suffix, rows, recurrentSize);
        biasIh = bias ? new Parameter("bias_ih" + suffix, rows) : null;
        biasHh = bias ? new Parameter("bias_hh" + suffix, rows) : null;
    }

    /** In PyTorch's order: weight_ih, weight_hh, bias_ih, bias_hh. */
    List<Parameter> list() {
        List<Parameter> l = new ArrayList<>(List.of(weightIh, weightHh));
        if (biasIh != null) l.addAll(List.of(biasIh, biasHh));
        return l;
    }

    /**
     * The input projection of all steps in one GEMM: {@code a[rows, G] = x[rows, I] · W_ihᵀ + b_ih}
     * (+ b_hh when {@code withHiddenBias}: LSTM and RNN add both biases before the nonlinearity).
     */
    void projectInputs(float[] x, int rows, float[] a, boolean withHiddenBias) {
        float beta = 0f;
        if (biasIh != null) {
            Rows.broadcast(rows, G, biasIh.data(), biasIh.offset(),
                    withHiddenBias ? biasHh.data() : null, biasHh.offset(), a, 0);
            beta = 1f;
        }
        Gemm.sgemm(false, true, rows, G, I, x, 0, I, weightIh.data(), weightIh.offset(), I, beta, a, 0, G);
    }

    /** {@code a[B, G] (+)= h[B, P] · W_hhᵀ}, with {@code beta} 1 to add to what a holds. */
    void recurrent(float[] h, int B, float[] a, int aOff, float beta) {
        Gemm.sgemm(false, true, B, G, P, h, 0, P, weightHh.data(), weightHh.offset(), P, beta, a, aOff, G);
    }

    /** Sets every row of {@code a[B, G]} to b_hh (zeros without bias); GRU keeps it apart from b_ih. */
    void hiddenBias(int B, float[] a) {
        if (biasHh != null) Rows.broadcast(B, G, biasHh.data(), biasHh.offset(), null, 0, a, 0);
        else java.util.Arrays.fill(a, 0, B * G, 0f);
    }

    /** The recurrent part of dL/dh: {@code dh[B, P] = beta·dh + da[B, G] · W_hh}. */
    void recurrentBackward(float[] da, int daOff, int B, float[] dh, float beta) {
        Gemm.sgemm(false, false, B, P, G, da, daOff, G, weightHh.data(), weightHh.offset(), P, beta, dh, 0, P);
    }

    /**
     * After the reverse sweep, one GEMM per weight over all T·B rows (gradients accumulate, as in PyTorch):
     * {@code dW_ih += dAxᵀ · x}, {@code dW_hh += dAhᵀ · hPrev}, {@code db_ih += Σ dAx}, {@code db_hh += Σ dAh};
     * and {@code dx (+)= dAx · W_ih}. dAx and dAh differ only for GRU (the n gate); otherwise pass the same array.
     */
    void backward(float[] x, float[] hPrev, float[] dAx, float[] dAh, int rows, float[] dx, boolean accumulateDx) {
        Gemm.sgemm(true, false, G, I, rows, dAx, 0, G, x, 0, I, 1f, weightIh.grad(), weightIh.offset(), I);
        Gemm.sgemm(true, false, G, P, rows, dAh, 0, G, hPrev, 0, P, 1f, weightHh.grad(), weightHh.offset(), P);
        if (biasIh != null) {
            Rows.addColumnSums(rows, G, dAx, 0, biasIh.grad(), biasIh.offset());
            Rows.addColumnSums(rows, G, dAh, 0, biasHh.grad(), biasHh.offset());
        }
        Gemm.sgemm(false, false, rows, I, G, dAx, 0, G, weightIh.data(), weightIh.offset(), I,
                accumulateDx ? 1f : 0f, dx, 0, I);
    }
}
