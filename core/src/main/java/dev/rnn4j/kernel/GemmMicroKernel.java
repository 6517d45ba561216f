package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tile of {@link Gemm}: an {@code MR × NR} block of C kept in vector accumulators while it
 * walks a packed A micro-panel and a packed B micro-panel along k. {@code NR} is 2 vectors of the preferred
 * species; {@code MR} follows the register file: 4 rows (8 accumulators) with AVX2's 16 registers, 8 rows
 * (16 accumulators) with AVX-512's 32.
 *
 * <pre>{@code
 * // tile[MR×NR] = Apanel[MR×kc] · Bpanel[kc×NR], overwriting tile (beta 0)
 * GemmMicroKernel.multiply(kc, packedA, 0, packedB, 0, tile, 0, GemmMicroKernel.NR, 0f, scratch);
 * }</pre>
 *
 * Each k step is one broadcast of A per row and two loads of B shared by all rows. C2 issues all loads of
 * a step before its FMAs, so a tile needs accumulators + MR + 2 registers: 4×2 (8 + 4 + 2) fits the 16 of
 * AVX2, while 6×2 (20) spills an accumulator to the stack every step and runs at half the speed (measured
 * on Zen 3: ~40 vs ~85 GFLOP/s per core with the panels in L1). With AVX-512, 8×2 (16 + 8 + 2) fits the 32
 * registers and loads B once per 16 FMAs instead of 8: measured on Zen 5 with the panels in L1, one core,
 * median of 12 runs: 4×2 182, 6×2 203, 8×2 204 GFLOP/s (on a later day, the 8×2 tile called again and again on the
 * same panels: 225–231, the FMA peak of a core; its loop compiles to 8 broadcasts, 2 loads and 16 FMAs with no
 * bounds checks, and unrolling it by two steps of k gained nothing). Beta 1 (accumulate) adds C to the accumulators
 * after the k loop, a vector at a time, the same additions as a merge from a scratch tile (measured on Zen 5
 * with the panels in L1: as fast as beta 0, no spills in the loop); any other beta computes into a scratch
 * tile and merges from there. The accumulators are plain locals, not an array, so they stay in registers, and
 * they are stored by code written out in each tile, not by a helper taking vectors: on an Intel Xeon (AVX-512)
 * C2 once failed to inline such a helper's store intrinsic and boxed the 4-row tile's accumulators on every call
 * (65 to 196 MB allocated per 2×512 training step instead of 1.5, found with JFR's allocation samples).
 */
final class GemmMicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /**
     * AVX-512 (16 float lanes) comes with 32 vector registers, AVX2 and narrower with 16: the tiles that keep more
     * accumulators (this one's 8 rows, the sampling tiles of {@link InferencePanels} and {@link InferenceMatrix})
     * exist only where they fit.
     */
    static final boolean WIDE_REGISTER_FILE = L >= 16;
    static final int MR = WIDE_REGISTER_FILE ? 8 : 4;
    static final int NR = 2 * L;

    private GemmMicroKernel() {}

    /**
     * {@code C[MR×NR] = beta·C + A·B} on one tile. A is packed as {@code a[ai + p·MR + r]}, B as
     * {@code b[bi + p·NR + j]}; C starts at {@code ci} with row stride {@code ldc}. Beta 0 never reads C.
     * {@code scratch} holds at least MR×NR floats (a beta other than 0 and 1 computes there, then merges).
     */
    static void multiply(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, float beta,
                         float[] scratch) {
        boolean direct = beta == 0f || beta == 1f;
        float[] out = direct ? c : scratch;
        int outOff = direct ? ci : 0, ldOut = direct ? ldc : NR;
        if (MR == 4) multiply4(kc, a, ai, b, bi, out, outOff, ldOut, beta == 1f, out, outOff, ldOut);
        else multiply8(kc, a, ai, b, bi, out, outOff, ldOut, beta == 1f, out, outOff, ldOut);
        if (!direct) mergeTile(scratch, c, ci, ldc, beta);
    }

    /**
     * {@code C[MR×NR] = A·B + row}: every row of the tile starts from {@code row[rowOff..rowOff+NR)} (a bias)
     * instead of from C, which is only written. The same additions as {@link #multiply} with beta 1 on a C that holds
     * the row.
     */
    static void multiplyPlusRow(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, float[] row,
                                int rowOff) {
        if (MR == 4) multiply4(kc, a, ai, b, bi, c, ci, ldc, true, row, rowOff, 0);
        else multiply8(kc, a, ai, b, bi, c, ci, ldc, true, row, rowOff, 0);
    }

    /**
     * The first {@code mr} rows of a tile into {@code tile} (row stride NR, beta 0): an edge panel. With at most 2
     * real rows the 2-row tile computes the top of the panel, with at most 4 of an 8-row panel the 4-row tile: the
     * same operations per element, so the bits of the full tile for a quarter or half of its work (the small model's
     * batch of 50 splits into 24 + 26 rows: 3 panels and 3 panels + 2 rows).
     */
    static void multiplyEdge(int mr, int kc, float[] a, int ai, float[] b, int bi, float[] tile) {
        if (mr <= 2) multiply2(kc, a, ai, b, bi, tile);
        else if (MR == 8 && mr <= 4) multiply4(kc, a, ai, b, bi, tile, 0, NR, false, tile, 0, NR);
        else multiply(kc, a, ai, b, bi, tile, 0, NR, 0f, tile);
    }

    /** The first 2 rows of a panel into {@code tile} (row stride NR), beta 0: the edge of a panel's last rows. */
    private static void multiply2(int kc, float[] a, int ai, float[] b, int bi, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
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
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
    }

    /** The 4-row tile, stored or accumulated as {@link #multiply8}. */
    private static void multiply4(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc,
                                  boolean accumulate, float[] add, int addOff, int ldAdd) {
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
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, add, addOff));
            c01 = c01.add(FloatVector.fromArray(S, add, addOff + L));
            c10 = c10.add(FloatVector.fromArray(S, add, addOff + ldAdd));
            c11 = c11.add(FloatVector.fromArray(S, add, addOff + ldAdd + L));
            c20 = c20.add(FloatVector.fromArray(S, add, addOff + 2 * ldAdd));
            c21 = c21.add(FloatVector.fromArray(S, add, addOff + 2 * ldAdd + L));
            c30 = c30.add(FloatVector.fromArray(S, add, addOff + 3 * ldAdd));
            c31 = c31.add(FloatVector.fromArray(S, add, addOff + 3 * ldAdd + L));
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
    }

    /**
     * The 8-row tile: stored plainly (beta 0), or, with {@code accumulate}, added to the tile of {@code add} from
     * {@code addOff} with row stride {@code ldAdd}: C itself (beta 1), or one row for every row (stride 0, a bias).
     */
    private static void multiply8(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc,
                                  boolean accumulate, float[] add, int addOff, int ldAdd) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * 8, bp = bi + p * NR;
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
            x = FloatVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, add, addOff));
            c01 = c01.add(FloatVector.fromArray(S, add, addOff + L));
            c10 = c10.add(FloatVector.fromArray(S, add, addOff + ldAdd));
            c11 = c11.add(FloatVector.fromArray(S, add, addOff + ldAdd + L));
            c20 = c20.add(FloatVector.fromArray(S, add, addOff + 2 * ldAdd));
            c21 = c21.add(FloatVector.fromArray(S, add, addOff + 2 * ldAdd + L));
            c30 = c30.add(FloatVector.fromArray(S, add, addOff + 3 * ldAdd));
            c31 = c31.add(FloatVector.fromArray(S, add, addOff + 3 * ldAdd + L));
            c40 = c40.add(FloatVector.fromArray(S, add, addOff + 4 * ldAdd));
            c41 = c41.add(FloatVector.fromArray(S, add, addOff + 4 * ldAdd + L));
            c50 = c50.add(FloatVector.fromArray(S, add, addOff + 5 * ldAdd));
            c51 = c51.add(FloatVector.fromArray(S, add, addOff + 5 * ldAdd + L));
            c60 = c60.add(FloatVector.fromArray(S, add, addOff + 6 * ldAdd));
            c61 = c61.add(FloatVector.fromArray(S, add, addOff + 6 * ldAdd + L));
            c70 = c70.add(FloatVector.fromArray(S, add, addOff + 7 * ldAdd));
            c71 = c71.add(FloatVector.fromArray(S, add, addOff + 7 * ldAdd + L));
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc);
        c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc);
        c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc);
        c61.intoArray(c, ci + 6 * ldc + L);
        c70.intoArray(c, ci + 7 * ldc);
        c71.intoArray(c, ci + 7 * ldc + L);
    }

    /**
     * {@code C = tile + beta·C} on a full tile (row stride NR), a vector at a time; the same arithmetic as
     * {@link #mergeEdge}. Written out here, not through a helper taking vectors: a vector passed to a method
     * C2 does not inline is boxed, and a failed inline of a store intrinsic boxes every accumulator it touches.
     */
    private static void mergeTile(float[] tile, float[] c, int ci, int ldc, float beta) {
        for (int r = 0; r < MR; r++) {
            int row = ci + r * ldc, t = r * NR;
            FloatVector x0 = FloatVector.fromArray(S, tile, t).add(FloatVector.fromArray(S, c, row).mul(beta));
            FloatVector x1 = FloatVector.fromArray(S, tile, t + L).add(FloatVector.fromArray(S, c, row + L).mul(beta));
            x0.intoArray(c, row);
            x1.intoArray(c, row + L);
        }
    }

    /**
     * Adds the valid {@code mr × nr} corner of a full tile (computed with beta 0 into {@code tile},
     * row stride NR) into C. Same arithmetic as the full tiles, so edge and full tiles agree bitwise.
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

    /** As {@link #mergeEdge} with beta 1 on a C whose rows hold {@code add[addOff..)}: the bits of the full tiles. */
    static void mergeEdgePlusRow(float[] tile, int mr, int nr, float[] c, int ci, int ldc, float[] add, int addOff) {
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc, t = r * NR;
            for (int j = 0; j < nr; j++) c[row + j] = tile[t + j] + add[addOff + j];
        }
    }
}
