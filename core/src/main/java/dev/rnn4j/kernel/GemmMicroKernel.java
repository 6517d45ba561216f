package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tile of {@link Gemm}: an {@code MR × NR} block of C kept in 8 vector accumulators
 * ({@code MR = 4} rows, {@code NR = 2} vectors of the preferred species: 4×16 with AVX2, 4×32 with
 * AVX-512) while it walks a packed A micro-panel and a packed B micro-panel along k.
 *
 * <pre>{@code
 * // tile[4×NR] = Apanel[4×kc] · Bpanel[kc×NR], overwriting tile (beta 0)
 * GemmMicroKernel.multiply(kc, packedA, 0, packedB, 0, tile, 0, GemmMicroKernel.NR, 0f);
 * }</pre>
 *
 * Each k step is one broadcast of A per row and two loads of B shared by all four rows: 8
 * independent FMAs, which covers the 4-cycle FMA latency on Zen 3's two FMA pipes. C2 issues all
 * loads of a step before its FMAs, so a tile needs accumulators + MR + 2 registers: 8 + 4 + 2 fits
 * the 16 of AVX2, while 6×2 (20) spills an accumulator to the stack every step and runs at half the
 * speed (measured: ~40 vs ~85 GFLOP/s per core with the panels in L1). The accumulators are plain
 * locals, not an array, so they stay in registers.
 */
final class GemmMicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;

    private GemmMicroKernel() {}

    /**
     * {@code C[MR×NR] = beta·C + A·B} on one tile. A is packed as {@code a[ai + p·MR + r]}, B as
     * {@code b[bi + p·NR + j]}; C starts at {@code ci} with row stride {@code ldc}. Beta 0 never reads C.
     */
    static void multiply(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * MR, bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        storeRow(c00, c01, c, ci, beta);
        storeRow(c10, c11, c, ci + ldc, beta);
        storeRow(c20, c21, c, ci + 2 * ldc, beta);
        storeRow(c30, c31, c, ci + 3 * ldc, beta);
    }

    private static void storeRow(FloatVector x0, FloatVector x1, float[] c, int ci, float beta) {
        if (beta != 0f) {
            FloatVector old0 = FloatVector.fromArray(S, c, ci), old1 = FloatVector.fromArray(S, c, ci + L);
            if (beta != 1f) {
                old0 = old0.mul(beta);
                old1 = old1.mul(beta);
            }
            x0 = x0.add(old0);
            x1 = x1.add(old1);
        }
        x0.intoArray(c, ci);
        x1.intoArray(c, ci + L);
    }

    /**
     * Adds the valid {@code mr × nr} corner of a full tile (computed with beta 0 into {@code tile},
     * row stride NR) into C. Same arithmetic as {@link #storeRow}, so edge and full tiles agree bitwise.
     */
    static void mergeEdge(float[] tile, int mr, int nr, float[] c, int ci, int ldc, float beta) {
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc, t = r * NR;
            if (beta == 0f) {
                System.arraycopy(tile, t, c, row, nr);
            } else if (beta == 1f) {
                for (int j = 0; j < nr; j++) c[row + j] = tile[t + j] + c[row + j];
            } else {
                for (int j = 0; j < nr; j++) c[row + j] = tile[t + j] + c[row + j] * beta;
            }
        }
    }
}
