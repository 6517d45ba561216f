package dev.rnn4j.nn;

import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.Rows;

import static dev.rnn4j.nn.GateWeights.gradOf;
import static dev.rnn4j.nn.GateWeights.offsetOf;

/**
 * The products of a recurrent layer's backward that come after its reverse sweep over time, on the weights of
 * {@link GateWeights}: the weight and bias gradients over all T·B rows at once, and dL/dx (or dL/d table for
 * {@link InputRows} with a gradient). Gradients accumulate, as in PyTorch.
 *
 * <pre>{@code
 * // after the sweep has filled dA [T·B, G] (LSTM, RNN: both sides' dL/da agree, so no dAhN)
 * weights.gradients.afterSweep(x, null, hPrev, dA, null, T * B, dx, false);
 * }</pre>
 */
final class GateWeightGradients {
    private final GateWeights weights;
    private final Parameter weightIh, weightHh, biasIh, biasHh;   // the weights' own, biases null without bias
    private final int G, I, P;                                     // as in GateWeights

    GateWeightGradients(GateWeights weights) {
        this.weights = weights;
        this.weightIh = weights.weightIh;
        this.weightHh = weights.weightHh;
        this.biasIh = weights.biasIh;
        this.biasHh = weights.biasHh;
        this.G = weights.G;
        this.I = weights.I;
        this.P = weights.P;
    }

    /**
     * After the reverse sweep, the products over all T·B rows (gradients accumulate, as in PyTorch):
     * {@code dW_ih += dAᵀ · x}, {@code dW_hh += dAhᵀ · hPrev}, {@code db_ih += Σ dA}, {@code db_hh += Σ dAh};
     * and {@code dx (+)= dA · W_ih} (see {@link #inputSide} for {@code distinct}). dA is the input side's dL/da;
     * the hidden side's, dAh, is the same but for GRU's n block, the last {@code G − 2P} columns: {@code dAhN} holds
     * those alone ({@code [rows, G − 2P]}), or is null where the two sides agree in every gate (LSTM, RNN).
     */
    void afterSweep(float[] x, InputRows distinct, float[] hPrev, float[] dA, float[] dAhN, int rows, float[] dx,
                    boolean accumulateDx) {
        afterSweep(x, distinct, hPrev, dA, dAhN, rows, dx, accumulateDx, null, 0);
    }

    /**
     * As {@link #afterSweep(float[], InputRows, float[], float[], float[], int, float[], boolean)} for the rows
     * {@code t·B + b} of a batch with {@code lengths} (null: every row real): the padded rows' dL/da are zeros, which
     * add nothing, so only the real rows are multiplied ({@link #realRowsBackward}).
     */
    void afterSweep(float[] x, InputRows distinct, float[] hPrev, float[] dA, float[] dAhN, int rows, float[] dx,
                    boolean accumulateDx, int[] lengths, int B) {
        if (lengths != null && (distinct == null || distinct.gradient() == null)) {
            realRowsBackward(x, hPrev, dA, dAhN, rows, B, lengths, dx, accumulateDx);
            return;
        }
        if (distinct == null || distinct.gradient() == null) {
            // dW_hh, db_hh and dW_ih, db_ih in one pass, each gate block the two sides share (all for LSTM and RNN,
            // r and z for GRU) packed once; then dx
            hiddenAndInputWeightGradients(dA, dAhN, 0, rows, hPrev, 0, x);
            inputGradient(dA, rows, dx, accumulateDx ? 1f : 0f);
            return;
        }
        // db_hh (and db_ih where the two sides agree) summed from dA as the product packs it, dA read once
        int same = sharedColumns(dAhN);
        Gemm.sgemmWithColumnSums(false, same, P, rows, dA, 0, G, hPrev, 0, P, 1f, weightHh.grad(), weightHh.offset(),
                P, gradOf(biasHh), offsetOf(biasHh), dAhN == null ? gradOf(biasIh) : null, offsetOf(biasIh));
        if (dAhN != null) {
            Gemm.sgemmWithColumnSums(false, G - same, P, rows, dAhN, 0, G - same, hPrev, 0, P, 1f, weightHh.grad(),
                    weightHh.offset() + same * P, P, gradOf(biasHh), offsetOf(biasHh) + same, null, 0);
            if (biasIh != null) Rows.addColumnSums(rows, G, dA, 0, biasIh.grad(), biasIh.offset());
        }
        inputSide(x, distinct, dA, rows, dx, accumulateDx);
    }

    /**
     * {@code dW_hh += dAhᵀ · hPrev}, {@code dW_ih += dAᵀ · x} and the bias sums over {@code rows} rows, from row
     * {@code row0} of dA and dAhN ({@link #afterSweep}) and from {@code hRow0} of hPrev, from row 0 of x.
     */
    private void hiddenAndInputWeightGradients(float[] dA, float[] dAhN, int row0, int rows, float[] hPrev, int hRow0,
                                               float[] x) {
        int same = sharedColumns(dAhN);
        Gemm.sgemmPairWithColumnSums(G, rows, same, dA, row0 * G, G, dAhN, row0 * (G - same), G - same, hPrev,
                hRow0 * P, P, weightHh.grad(), weightHh.offset(), x, 0, I, weightIh.grad(), weightIh.offset(),
                gradOf(biasHh), offsetOf(biasHh), gradOf(biasIh), offsetOf(biasIh));
    }

    /** The gate columns in which the hidden side's dL/da is the input side's: all, or GRU's r and z blocks. */
    private int sharedColumns(float[] dAhN) {
        return dAhN == null ? G : 2 * P;
    }

    /**
     * The products of {@link #afterSweep} over the real rows of a batch with lengths (row {@code t·B + b} is real while
     * {@code t < lengths[b]}), as PyTorch's packed sequences multiply only theirs. One k slice of the whole product
     * ({@link Gemm#sliceDepth}) at a time: the slice's real rows of dL/da and hPrev move to its start (the trace
     * serves one backward, so they are free to move) and its rows of x are copied out; then the weight-gradient pair
     * and dx over them, dx spread back to its rows (padded rows 0, or left as they are when accumulating). Each slice
     * sums the terms it summed over all rows, in order, less the padded rows' zero terms: the same bits.
     */
    private void realRowsBackward(float[] x, float[] hPrev, float[] dA, float[] dAhN, int rows, int B, int[] lengths,
                                  float[] dx, boolean accumulateDx) {
        int depth = Gemm.sliceDepth(rows), nWidth = G - sharedColumns(dAhN);
        float[] xs = weights.realRows(depth * I);
        weights.packedIh.pack(false, G, I, weightIh.data(), weightIh.offset(), I);         // for dx, every slice
        for (int k0 = 0; k0 < rows; k0 += depth) {
            int k1 = Math.min(rows, k0 + depth), n = 0;
            for (int r = k0; r < k1; r++) {
                if (!LayerTrace.validRow(lengths, r, B)) continue;
                int to = k0 + n;
                if (to != r) {
                    System.arraycopy(dA, r * G, dA, to * G, G);
                    if (dAhN != null) System.arraycopy(dAhN, r * nWidth, dAhN, to * nWidth, nWidth);
                    System.arraycopy(hPrev, r * P, hPrev, to * P, P);
                }
                System.arraycopy(x, r * I, xs, n * I, I);
                n++;
            }
            if (n > 0) {
                hiddenAndInputWeightGradients(dA, dAhN, k0, n, hPrev, k0, xs);
                Gemm.sgemm(false, n, dA, k0 * G, G, weights.packedIh, 0f, xs, 0, I);
            }
            for (int r = k0, i = 0; r < k1; r++) {                    // the slice's dx rows, from the real ones'
                if (LayerTrace.validRow(lengths, r, B)) {
                    if (accumulateDx) Rows.add(I, xs, i * I, dx, r * I);
                    else System.arraycopy(xs, i * I, dx, r * I, I);
                    i++;
                } else if (!accumulateDx) {
                    java.util.Arrays.fill(dx, r * I, r * I + I, 0f);
                }
            }
        }
    }

    /**
     * The input side: {@code dW_ih += dAxᵀ · x} and {@code dx (+)= dAx · W_ih}. When {@code distinct} carries a
     * gradient for its table, x's rows are table rows and dL/d table is wanted instead of dx (null then): with
     * {@code S[v] = Σ dAx[r]} over the rows r that hold table row v, {@code dW_ih += Sᵀ · table} and
     * {@code dTable += S · W_ih}, {@code count} rows of work instead of {@code rows}.
     */
    void inputSide(float[] x, InputRows distinct, float[] dAx, int rows, float[] dx, boolean accumulateDx) {
        if (distinct == null || distinct.gradient() == null) {
            rowProducts(x, dAx, rows, dx, accumulateDx ? 1f : 0f);
            return;
        }
        int count = distinct.count(), gradOff = distinct.gradientOffset();
        int[] index = distinct.index();
        float[] gradient = distinct.gradient();
        if (count >= rows) {                      // no fewer distinct rows: the row products, added to their table rows
            float[] rowGrads = weights.work(rows * I);
            rowProducts(x, dAx, rows, rowGrads, 0f);
            Rows.addRowsByIndex(rows, I, rowGrads, index, gradient, gradOff);
            return;
        }
        float[] sums = weights.work(count * G);
        java.util.Arrays.fill(sums, 0, count * G, 0f);
        Rows.addRowsByIndex(rows, G, dAx, index, sums, 0);
        int off = weightIh.offset();
        Gemm.sgemm(true, false, G, I, count, sums, 0, G, distinct.table(), distinct.offset(), I, 1f, weightIh.grad(),
                off, I);
        Gemm.sgemm(false, false, count, I, G, sums, 0, G, weightIh.data(), off, I, 1f, gradient, gradOff, I);
    }

    /** {@code dW_ih += dAxᵀ · x} and {@code out = beta·out + dAx · W_ih}, over all {@code rows} rows of x. */
    private void rowProducts(float[] x, float[] dAx, int rows, float[] out, float beta) {
        Gemm.sgemm(true, false, G, I, rows, dAx, 0, G, x, 0, I, 1f, weightIh.grad(), weightIh.offset(), I);
        inputGradient(dAx, rows, out, beta);
    }

    /** {@code out[rows, I] = beta·out + dAx · W_ih}: the gradient of the layer's input. */
    private void inputGradient(float[] dAx, int rows, float[] out, float beta) {
        Gemm.sgemm(false, false, rows, I, G, dAx, 0, G, weightIh.data(), weightIh.offset(), I, beta, out, 0, I);
    }
}
