package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;

import static dev.rnn4j.kernel.GemmMicroKernel.L;
import static dev.rnn4j.kernel.GemmMicroKernel.MR;
import static dev.rnn4j.kernel.GemmMicroKernel.NR;
import static dev.rnn4j.kernel.GemmMicroKernel.S;

/**
 * Copies blocks of op(A) and op(B) into the contiguous layout {@link GemmMicroKernel} reads, so the
 * inner loop streams memory sequentially whatever the transposes, leading dimensions and offsets.
 * Ragged edges are padded with zeros: the micro-kernel always computes a full tile.
 *
 * <pre>{@code
 * // op(A) rows [i0, i0+mc), columns [p0, p0+kc) -> micro-panels of MR rows, a k step of MR values each
 * GemmPacking.packA(false, a, 0, lda, i0, mc, p0, kc, packedA);
 * }</pre>
 */
final class GemmPacking {
    private GemmPacking() {}

    /** Packed A: panel {@code ir/MR} at {@code ir·kc}, element (r, p) of the panel at {@code p·MR + r}. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        int full = mc / MR * MR;
        if (transA) {
            // op(A)[i][p] = a[p·lda + i]: one row of A holds step p of every micro-panel; read it once, in order.
            // (A copy of constant length MR, which C2 turns into plain moves: element copies in a loop measured
            // half as fast, and a 128-bit FloatVector was not intrinsified by C2 and boxed every load.)
            for (int p = 0; p < kc; p++) {
                int src = aOff + (p0 + p) * lda + i0;
                for (int ir = 0, d = p * MR; ir < full; ir += MR, d += MR * kc) {
                    System.arraycopy(a, src + ir, dst, d, MR);
                }
            }
        } else {
            // op(A)[i][p] = a[i·lda + p]: the MR rows of a panel are read side by side, so the panel is written
            // in order (row by row it was written MR times over, with a stride of MR).
            for (int ir = 0; ir < full; ir += MR) {
                int src = aOff + (i0 + ir) * lda + p0;
                for (int p = 0, d = ir * kc; p < kc; p++, d += MR) {
                    for (int r = 0; r < MR; r++) dst[d + r] = a[src + r * lda + p];
                }
            }
        }
        if (full < mc) packEdgeA(transA, a, aOff, lda, i0, full, mc - full, p0, kc, dst);
    }

    /** The last, partial panel of {@code mr < MR} rows from block row {@code ir}, padded with zeros. */
    private static void packEdgeA(boolean transA, float[] a, int aOff, int lda, int i0, int ir, int mr, int p0, int kc,
                                  float[] dst) {
        int d = ir * kc;
        if (transA) {
            int src = aOff + p0 * lda + i0 + ir;
            for (int p = 0; p < kc; p++, src += lda, d += MR) {
                for (int r = 0; r < mr; r++) dst[d + r] = a[src + r];
                for (int r = mr; r < MR; r++) dst[d + r] = 0f;
            }
        } else {
            for (int r = 0; r < mr; r++) {
                int src = aOff + (i0 + ir + r) * lda + p0;
                for (int p = 0; p < kc; p++) dst[d + p * MR + r] = a[src + p];
            }
            for (int r = mr; r < MR; r++) {
                for (int p = 0; p < kc; p++) dst[d + p * MR + r] = 0f;
            }
        }
    }

    /** Packed B: panel {@code jr/NR} at {@code dOff + jr·kc}, element (p, j) of the panel at {@code p·NR + j}. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      float[] dst, int dOff) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr), d = dOff + jr * kc;
            if (!transB && nr == NR) {
                // op(B)[p][j] = b[p·ldb + j]: a panel row is two vectors of one row of B.
                int src = bOff + p0 * ldb + j0 + jr;
                for (int p = 0; p < kc; p++, src += ldb, d += NR) {
                    FloatVector.fromArray(S, b, src).intoArray(dst, d);
                    FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                }
            } else if (!transB) {
                int src = bOff + p0 * ldb + j0 + jr;
                for (int p = 0; p < kc; p++, src += ldb, d += NR) {
                    for (int j = 0; j < nr; j++) dst[d + j] = b[src + j];
                    for (int j = nr; j < NR; j++) dst[d + j] = 0f;
                }
            } else {
                // op(B)[p][j] = b[j·ldb + p]: read each row of B once, scatter with stride NR.
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) dst[d + p * NR + j] = b[src + p];
                }
                for (int j = nr; j < NR; j++) {
                    for (int p = 0; p < kc; p++) dst[d + p * NR + j] = 0f;
                }
            }
        }
    }
}
