package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.rnn4j.kernel.GemmMicroKernel.MR;

/**
 * The row sums of op(A) that {@link Gemm#sgemmWithColumnSums} adds beside its product:
 * {@code sum[i] += Σ_p op(A)[i][p]} (and the same into {@code sum2} unless it is null). With op(A) = Aᵀ these are
 * A's column sums: the bias gradient that goes with a weight gradient {@code dW += dAᵀ·X}.
 *
 * <pre>{@code
 * GemmRowSums sums = new GemmRowSums(db, 0, null, 0);
 * GemmPacking.packA(true, a, 0, lda, ic, mc, pc, kc, packed, 0);
 * sums.addPacked(packed, 0, ic, mc, kc);          // rows [ic, ic+mc) of op(A), steps [pc, pc+kc)
 * }</pre>
 *
 * The sums are read from each block of op(A) just after it is packed, while it is in L2, instead of from memory in a
 * pass of their own (on Zen 5 that pass was 3.7% of a 2×512 training step). Every row adds its steps one after
 * another in k order, k slice after k slice, so the bits are those of {@link Rows#addColumnSums}; that holds only
 * where each element of op(A) is packed once, which {@link Gemm} checks before it hands the sums down.
 */
record GemmRowSums(float[] sum, int sumOff, float[] sum2, int sum2Off) {
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    /** One step of an 8-row panel is one 8-lane vector; elsewhere (4-row panels) the rows add as scalars. */
    private static final boolean VECTOR_ROWS = MR == 8 && S8.length() <= GemmMicroKernel.L;

    /**
     * Adds steps {@code [0, kc)} of rows {@code [i0, i0 + mc)} of op(A), packed from {@code base} in the layout of
     * {@link GemmPacking} (panel {@code ir} at {@code base + ir·kc}, element (r, p) at {@code p·MR + r}). Called for
     * the k slices of a row in order.
     */
    void addPacked(float[] packed, int base, int i0, int mc, int kc) {
        add(sum, sumOff, packed, base, i0, mc, kc);
        if (sum2 != null) add(sum2, sum2Off, packed, base, i0, mc, kc);
    }

    /**
     * The sums without packing, for the products whose A (stored {@code k × m}, op(A) = Aᵀ) is packed more than once:
     * a pass over A, row after row, each sum in k order.
     */
    void addUnpacked(int m, int k, float[] a, int aOff, int lda) {
        addUnpacked(sum, sumOff, m, k, a, aOff, lda);
        if (sum2 != null) addUnpacked(sum2, sum2Off, m, k, a, aOff, lda);
    }

    private static void add(float[] s, int off, float[] packed, int base, int i0, int mc, int kc) {
        int ir = 0;
        if (VECTOR_ROWS) {
            // four panels at once: four independent chains of additions instead of one waiting on each add
            for (; ir + 4 * MR <= mc; ir += 4 * MR) {
                int q = base + ir * kc, at = off + i0 + ir;
                FloatVector s0 = FloatVector.fromArray(S8, s, at), s1 = FloatVector.fromArray(S8, s, at + MR);
                FloatVector s2 = FloatVector.fromArray(S8, s, at + 2 * MR);
                FloatVector s3 = FloatVector.fromArray(S8, s, at + 3 * MR);
                for (int p = 0; p < kc; p++, q += MR) {
                    s0 = s0.add(FloatVector.fromArray(S8, packed, q));
                    s1 = s1.add(FloatVector.fromArray(S8, packed, q + MR * kc));
                    s2 = s2.add(FloatVector.fromArray(S8, packed, q + 2 * MR * kc));
                    s3 = s3.add(FloatVector.fromArray(S8, packed, q + 3 * MR * kc));
                }
                s0.intoArray(s, at);
                s1.intoArray(s, at + MR);
                s2.intoArray(s, at + 2 * MR);
                s3.intoArray(s, at + 3 * MR);
            }
            for (; ir + MR <= mc; ir += MR) {
                int q = base + ir * kc, at = off + i0 + ir;
                FloatVector s0 = FloatVector.fromArray(S8, s, at);
                for (int p = 0; p < kc; p++, q += MR) s0 = s0.add(FloatVector.fromArray(S8, packed, q));
                s0.intoArray(s, at);
            }
        }
        for (; ir + 4 <= mc && MR == 4; ir += 4) {     // a 4-row panel: four chains of scalar additions
            int q = base + ir * kc, at = off + i0 + ir;
            float x0 = s[at], x1 = s[at + 1], x2 = s[at + 2], x3 = s[at + 3];
            for (int p = 0; p < kc; p++, q += 4) {
                x0 += packed[q];
                x1 += packed[q + 1];
                x2 += packed[q + 2];
                x3 += packed[q + 3];
            }
            s[at] = x0;
            s[at + 1] = x1;
            s[at + 2] = x2;
            s[at + 3] = x3;
        }
        for (; ir < mc; ir++) {          // the rows of a last partial panel
            int q = base + ir / MR * MR * kc + ir % MR, at = off + i0 + ir;
            float x = s[at];
            for (int p = 0; p < kc; p++, q += MR) x += packed[q];
            s[at] = x;
        }
    }

    private static void addUnpacked(float[] s, int off, int m, int k, float[] a, int aOff, int lda) {
        for (int p = 0; p < k; p++) {
            int row = aOff + p * lda;
            for (int i = 0; i < m; i++) s[off + i] += a[row + i];
        }
    }
}
