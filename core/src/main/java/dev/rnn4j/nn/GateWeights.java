package dev.rnn4j.nn;

import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.PackedMatrix;
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
    /** W_hhᵀ and W_hh in the GEMM's panel layout, packed once per sequence (the weights change between calls). */
    private final PackedMatrix packedHh = new PackedMatrix(), packedHhBackward = new PackedMatrix();
    /**
     * W_ihᵀ (forward) or W_ih (backward), packed for the products over a packed batch's real rows: a packed product
     * gives a row the bits it has among any number of rows (one row alone included), so taking the real rows only
     * changes no bits. Filled only when a batch has lengths.
     */
    final PackedMatrix packedIh = new PackedMatrix();
    /**
     * Work space of the input side given {@link InputRows}, reused from call to call: the distinct rows' projections
     * in forward, their gates' gradient sums (or the row gradients to add to the table) in backward.
     */
    private float[] work = new float[0];
    /** A batch's real rows of x (forward), then their dx (backward, one k slice at a time); reused call to call. */
    private float[] realRows = new float[0];
    /** b_ih + b_hh, which LSTM and RNN add to the input projection (reused from call to call). */
    private float[] biasSum = new float[0];

    /** The products after a backward sweep: the weight gradients and dL/dx. */
    final GateWeightGradients gradients;

    GateWeights(int rows, int inputSize, int recurrentSize, boolean bias, String suffix) {
        this.G = rows;
        this.I = inputSize;
        this.P = recurrentSize;
        weightIh = new Parameter("weight_ih" + suffix, rows, inputSize);
        weightHh = new Parameter("weight_hh" + suffix, rows, recurrentSize);
        biasIh = bias ? new Parameter("bias_ih" + suffix, rows) : null;
        biasHh = bias ? new Parameter("bias_hh" + suffix, rows) : null;
        gradients = new GateWeightGradients(this);   // last: it takes the weights and sizes set above
    }

    /** In PyTorch's order: weight_ih, weight_hh, bias_ih, bias_hh. */
    List<Parameter> list() {
        List<Parameter> l = new ArrayList<>(List.of(weightIh, weightHh));
        if (biasIh != null) l.addAll(List.of(biasIh, biasHh));
        return l;
    }

    /**
     * The distinct input rows' projections ({@code table [count, G]}, bias included) that a time loop's steps add
     * their recurrent products to: row r of a is row {@code index[r]} of the table ({@link #projectInputsForSteps}).
     */
    record ProjectedRows(float[] table, int[] index) {}

    /**
     * As {@link #projectInputs(float[], InputRows, int, float[], boolean, int[], int)} for a time loop that adds its
     * recurrent products with {@link #addRecurrentStep}: where the distinct rows' projections would be copied to all
     * T·B rows of a here, returns them instead and leaves a's rows to the steps, each writing its rows as projection
     * plus product while they are in cache. a's rows are then written once instead of copied out whole here (13 MB
     * for the default model's layer) and read back from memory step by step; the same sums. Null where a's rows
     * were filled here: no distinct rows, a batch with lengths, or a batch of one (whose steps add in place).
     */
    ProjectedRows projectInputsForSteps(float[] x, InputRows distinct, int rows, float[] a, boolean withHiddenBias,
                                        int[] lengths, int B) {
        if (lengths != null || !packs(B) || distinct == null || !distinct.pays(rows)) {
            projectInputs(x, distinct, rows, a, withHiddenBias, lengths, B);
            return null;
        }
        return new ProjectedRows(projectTable(distinct, withHiddenBias), distinct.index());
    }

    /** The projections of the distinct rows' table, {@code [count, G]}, biases included, in the work array. */
    private float[] projectTable(InputRows distinct, boolean withHiddenBias) {
        float[] table = work(distinct.count() * G);
        project(distinct.table(), distinct.offset(), distinct.count(), table, withHiddenBias);
        return table;
    }

    /**
     * The input projection of all steps in one GEMM: {@code a[rows, G] = x[rows, I] · W_ihᵀ + b_ih}
     * (+ b_hh when {@code withHiddenBias}: LSTM and RNN add both biases before the nonlinearity).
     * With {@code distinct} (may be null) x's rows are copies of its table's rows, so each table row is projected
     * once, bias included, and copied to the rows that hold it: a product's row depends only on that row of x
     * (and of C), so this gives the full product's bits at count instead of {@code rows} rows of work.
     */
    void projectInputs(float[] x, InputRows distinct, int rows, float[] a, boolean withHiddenBias) {
        if (distinct == null || !distinct.pays(rows)) {
            project(x, 0, rows, a, withHiddenBias);
            return;
        }
        Rows.gather(rows, G, projectTable(distinct, withHiddenBias), 0, distinct.index(), a, 0);
    }

    /**
     * As {@link #projectInputs(float[], InputRows, int, float[], boolean)} for the rows {@code t·B + b} of a batch with
     * {@code lengths} (null: every row real): only the real rows are projected (gathered from x, their products then
     * moved to their rows of a, the last first); padded rows of a are left as they are, for the time loop to zero.
     * A product's row depends only on that row of x: the same bits.
     */
    void projectInputs(float[] x, InputRows distinct, int rows, float[] a, boolean withHiddenBias, int[] lengths,
                       int B) {
        int real = 0;
        if (lengths != null && (distinct == null || !distinct.pays(rows))) {
            for (int r = 0; r < rows; r++) if (LayerTrace.validRow(lengths, r, B)) real++;
        }
        if (real == 0 || real == rows) {
            projectInputs(x, distinct, rows, a, withHiddenBias);
            return;
        }
        float[] xs = realRows(real * I);
        for (int r = 0, i = 0; r < rows; r++) {
            if (LayerTrace.validRow(lengths, r, B)) System.arraycopy(x, r * I, xs, i++ * I, I);
        }
        packedIh.pack(true, I, G, weightIh.data(), weightIh.offset(), I);
        float[] bias = inputBias(withHiddenBias);
        if (bias == null) Gemm.sgemm(false, real, xs, 0, I, packedIh, 0f, a, 0, G);
        else Gemm.sgemmPlusRow(false, real, xs, 0, I, packedIh, bias, 0, a, 0, G);
        for (int r = rows - 1, i = real - 1; i >= 0; r--) {           // row i of the products to its row r, r >= i
            if (!LayerTrace.validRow(lengths, r, B)) continue;
            if (r != i) System.arraycopy(a, i * G, a, r * G, G);
            i--;
        }
    }

    /**
     * {@code a[rows, G] = x[xOff.., rows × I] · W_ihᵀ} plus the biases, added as each tile of the product is stored
     * (the bits of filling a with them and adding the product: the sum b_ih + b_hh first, then the product).
     */
    private void project(float[] x, int xOff, int rows, float[] a, boolean withHiddenBias) {
        float[] bias = inputBias(withHiddenBias);
        if (bias == null) {
            Gemm.sgemm(false, true, rows, G, I, x, xOff, I, weightIh.data(), weightIh.offset(), I, 0f, a, 0, G);
            return;
        }
        Gemm.sgemmPlusRow(false, true, rows, G, I, x, xOff, I, weightIh.data(), weightIh.offset(), I, bias, 0, a, 0, G);
    }

    /**
     * The row the input projection starts from, from index 0: b_ih, or b_ih + b_hh with {@code withHiddenBias} (their
     * sum first, as PyTorch adds them); null without biases.
     */
    private float[] inputBias(boolean withHiddenBias) {
        if (biasIh == null) return null;
        if (biasSum.length < G) biasSum = new float[G];
        float[] ih = biasIh.data(), hh = biasHh.data();
        int ihOff = biasIh.offset(), hhOff = biasHh.offset();
        for (int j = 0; j < G; j++) biasSum[j] = withHiddenBias ? ih[ihOff + j] + hh[hhOff + j] : ih[ihOff + j];
        return biasSum;
    }

    /**
     * Whether a sequence of batch B multiplies by a packed W_hh, split over threads by batch rows. Batch 1
     * (sampling) instead streams W_hh once per step (a matrix-vector product, nothing to pack). Decided by
     * the shape alone, so the bits never depend on the thread count.
     */
    static boolean packs(int B) { return B > 1; }

    /** Packs W_hhᵀ for {@link #recurrent}; call once per forward sequence when {@link #packs} says so. */
    void packRecurrent() {
        packedHh.pack(true, P, G, weightHh.data(), weightHh.offset(), P);
    }

    /** Packs W_hh for {@link #recurrentBackward}; call once per backward sweep when {@link #packs} says so. */
    void packRecurrentBackward() {
        packedHhBackward.pack(false, G, P, weightHh.data(), weightHh.offset(), P);
    }

    /** {@code a[rows, G] (+)= h[rows, P] · W_hhᵀ} (h from hOff), with {@code beta} 1 to add to what a holds. */
    void recurrent(boolean packed, float[] h, int hOff, int rows, float[] a, int aOff, float beta) {
        if (packed) Gemm.sgemm(false, rows, h, hOff, P, packedHh, beta, a, aOff, G);
        else Gemm.sgemm(false, true, rows, G, P, h, hOff, P, weightHh.data(), weightHh.offset(), P, beta, a, aOff, G);
    }

    /**
     * One step of the time loop for batch rows {@code [b0, b1)} (time t, rows of a from {@code row0 + b0}), with
     * {@code lengths} (may be null): {@code a += h · W_hhᵀ} over the rows up to the last with a real step, and where
     * padding sits between those (lengths not longest first), over the real rows alone, h's rows gathered into
     * {@code gathered} ({@code [B, P]} at least, rows from b0) and the products spread back. A row's product has the
     * same bits however many rows share the call (the packed product), so the result is the same either way; the
     * padded rows' a is whatever it was plus something, for the loop to zero. With {@code projected} (not null:
     * packed, no lengths) a's rows are written as their projection plus the product, the bits of the add.
     */
    void addRecurrentStep(boolean packed, int t, int b0, int b1, int[] lengths, float[] h, float[] a, int row0,
                          float[] product, float[] gathered, ProjectedRows projected) {
        int live = Steps.liveRows(t, b0, b1, lengths), real = Steps.realRows(t, b0, live, lengths);
        if (real == live && !packed) {
            recurrent(false, h, b0 * P, live, a, (row0 + b0) * G, 1f);         // a batch of one: added in place
            return;
        }
        if (real == live) {
            recurrent(true, h, b0 * P, live, product, b0 * G, 0f);
        } else {
            Steps.gatherReal(t, b0, live, lengths, P, h, b0 * P, gathered, b0 * P);
            recurrent(packed, gathered, b0 * P, real, product, b0 * G, 0f);
            Steps.spreadReal(t, b0, live, lengths, real, G, product, b0 * G);
        }
        addProducts(b0, live, row0, product, a, projected);
    }

    /**
     * Rows {@code row0 + b} of a, b in {@code [b0, b0 + live)}, = what they hold (or their projection) + row b of the
     * step's product. The product goes to {@code product}, a small buffer that stays in cache, and is added row by
     * row: this step's rows of a were written long before (the input projection of all steps) and come from memory,
     * which a streaming read hides and the tile's merge into C, 4 rows × 64 bytes at a time, does not. The same sums
     * as a product added in place while W_hh fits one k slice (P ≤ 2,048); wider, the slices add up first. One call
     * site for both sources: with two vector loops in the time loop's compiled body C2 left one of them unintrinsified
     * (106 MB of boxed vectors per charlm_train step).
     */
    private void addProducts(int b0, int live, int row0, float[] product, float[] a, ProjectedRows projected) {
        for (int b = b0; b < b0 + live; b++) {
            int row = row0 + b;
            float[] from = projected == null ? a : projected.table();
            int fromOff = projected == null ? row * G : projected.index()[row] * G;
            Rows.sum(G, from, fromOff, product, b * G, a, row * G);
        }
    }

    /**
     * {@link #recurrentWithHiddenBias} for one step as {@link #addRecurrentStep}: {@code hg[b0.., G]} of the real rows
     * (the padded rows between them keep what they held).
     */
    void recurrentWithHiddenBiasStep(boolean packed, int t, int b0, int b1, int[] lengths, float[] h, float[] hg,
                                     float[] gathered) {
        int live = Steps.liveRows(t, b0, b1, lengths), real = Steps.realRows(t, b0, live, lengths);
        if (real == live) {
            recurrentWithHiddenBias(packed, h, b0 * P, live, hg, b0 * G);
            return;
        }
        Steps.gatherReal(t, b0, live, lengths, P, h, b0 * P, gathered, b0 * P);
        recurrentWithHiddenBias(packed, gathered, b0 * P, real, hg, b0 * G);
        Steps.spreadReal(t, b0, live, lengths, real, G, hg, b0 * G);
    }

    /**
     * {@link #recurrentBackward} for one step as {@link #addRecurrentStep}: {@code dh[b0.., P] = beta·dh + da · W_hh}
     * for the real rows (da's rows from {@code row0 + b0}; gathered into {@code gathered}, {@code [B, G]} at least,
     * where padding sits between them; the padded rows' dh keep what they held).
     */
    void recurrentBackwardStep(boolean packed, int t, int b0, int b1, int[] lengths, float[] da, int row0, float[] dh,
                               float beta, float[] gathered) {
        int live = Steps.liveRows(t, b0, b1, lengths), real = Steps.realRows(t, b0, live, lengths);
        if (real == live) {
            recurrentBackward(packed, da, (row0 + b0) * G, live, dh, b0 * P, beta);
            return;
        }
        Steps.gatherReal(t, b0, live, lengths, G, da, (row0 + b0) * G, gathered, b0 * G);
        if (beta != 0f) Steps.gatherReal(t, b0, live, lengths, P, dh, b0 * P, dh, b0 * P);
        recurrentBackward(packed, gathered, b0 * G, real, dh, b0 * P, beta);
        Steps.spreadReal(t, b0, live, lengths, real, P, dh, b0 * P);
    }

    /**
     * {@code a[rows, G] = h[rows, P] · W_hhᵀ + b_hh} (h from hOff, a from aOff): GRU's recurrent part, which keeps b_hh
     * apart from b_ih. The bias is added by the product's tiles as they are stored; the bits of {@link #hiddenBias}
     * then {@link #recurrent} with beta 1.
     */
    void recurrentWithHiddenBias(boolean packed, float[] h, int hOff, int rows, float[] a, int aOff) {
        if (biasHh == null) {
            hiddenBias(rows, a, aOff);
            recurrent(packed, h, hOff, rows, a, aOff, 1f);
        } else if (packed) {
            Gemm.sgemmPlusRow(false, rows, h, hOff, P, packedHh, biasHh.data(), biasHh.offset(), a, aOff, G);
        } else {
            Gemm.sgemmPlusRow(false, true, rows, G, P, h, hOff, P, weightHh.data(), weightHh.offset(), P,
                    biasHh.data(), biasHh.offset(), a, aOff, G);
        }
    }

    /**
     * Sets {@code rows} rows of {@code a[·, G]} from {@code aOff} to b_hh (zeros without bias);
     * GRU keeps it apart from b_ih.
     */
    void hiddenBias(int rows, float[] a, int aOff) {
        if (biasHh != null) Rows.broadcast(rows, G, biasHh.data(), biasHh.offset(), null, 0, a, aOff);
        else java.util.Arrays.fill(a, aOff, aOff + rows * G, 0f);
    }

    /** The recurrent part of dL/dh: {@code dh[rows, P] = beta·dh + da[rows, G] · W_hh} (dh from dhOff). */
    void recurrentBackward(boolean packed, float[] da, int daOff, int rows, float[] dh, int dhOff, float beta) {
        if (packed) Gemm.sgemm(false, rows, da, daOff, G, packedHhBackward, beta, dh, dhOff, P);
        else Gemm.sgemm(false, false, rows, P, G, da, daOff, G, weightHh.data(), weightHh.offset(), P, beta,
                dh, dhOff, P);
    }

    /** A bias's gradient, or null without bias (no sums to take). */
    static float[] gradOf(Parameter bias) { return bias == null ? null : bias.grad(); }

    static int offsetOf(Parameter bias) { return bias == null ? 0 : bias.offset(); }

    /** The real rows' work array, at least {@code n} long. */
    float[] realRows(int n) {
        if (realRows.length < n) realRows = new float[n];
        return realRows;
    }

    /** The input side's work array, at least {@code n} long (forward's projections, backward's sums). */
    float[] work(int n) {
        if (work.length < n) work = new float[n];
        return work;
    }
}
