package dev.rnn4j.kernel;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

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
 * GemmPacking.packA(false, a, 0, lda, i0, mc, p0, kc, packedA, 0);
 * }</pre>
 */
final class GemmPacking {
    /** Eight float lanes (256 bits): the width of the register transposes, on AVX2 and AVX-512 alike. */
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    /** Sixteen float lanes: two 8-row panels' step from one row of a transposed A (AVX-512 only). */
    private static final VectorSpecies<Float> S16 = FloatVector.SPECIES_512;
    /**
     * A is packed a vector at a time wherever 8-lane vectors are native (AVX2, AVX-512): blocks of rows are
     * transposed in registers by two-vector shuffles (measured on Zen 3, one thread, 4-row panels: 0.3 ns per
     * element against 0.8–1.3 for element copies, whose address arithmetic per element was the cost; on Zen 5,
     * 8-row panels: see {@link #transpose8x8}). Narrower machines copy elements.
     */
    private static final boolean VECTOR_PACK = L >= 8;           // MR is 4 or 8 (GemmMicroKernel)
    /** Interleave lanes 0–3 (LOW) or 4–7 (HIGH) of two vectors: x0 y0 x1 y1 x2 y2 x3 y3. */
    private static final VectorShuffle<Float> LOW = shuffle(0, -8, 1, -7, 2, -6, 3, -5);
    private static final VectorShuffle<Float> HIGH = shuffle(4, -4, 5, -3, 6, -2, 7, -1);
    /** Pairs 0–1 (PAIRS_LOW) or 2–3 (PAIRS_HIGH) of each half of two vectors: x0 x1 y0 y1 x2 x3 y2 y3. */
    private static final VectorShuffle<Float> PAIRS_LOW = shuffle(0, 1, -8, -7, 2, 3, -6, -5);
    private static final VectorShuffle<Float> PAIRS_HIGH = shuffle(4, 5, -4, -3, 6, 7, -2, -1);
    /** The first (HALVES_LOW) or second (HALVES_HIGH) halves of two vectors: x0 x1 x2 x3 y0 y1 y2 y3. */
    private static final VectorShuffle<Float> HALVES_LOW = shuffle(0, 1, 2, 3, -8, -7, -6, -5);
    private static final VectorShuffle<Float> HALVES_HIGH = shuffle(4, 5, 6, 7, -4, -3, -2, -1);

    private GemmPacking() {}

    /** An 8-lane two-vector shuffle (negative indexes pick lane index + 8 of the second vector); unused otherwise. */
    private static VectorShuffle<Float> shuffle(int... lanes) {
        return VECTOR_PACK ? VectorShuffle.fromValues(S8, lanes) : null;
    }

    /**
     * Packed A: panel {@code ir/MR} at {@code dOff + ir·kc}, element (r, p) of the panel at {@code p·MR + r}. Each
     * layout has its own method, a small compile unit that a profile shows by name.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      float[] dst, int dOff) {
        int full = mc / MR * MR;
        if (transA && VECTOR_PACK && MR == 4) {
            packTransposedA4(a, aOff, lda, i0, full, p0, kc, dst, dOff);
        } else if (transA && VECTOR_PACK) {
            packTransposedA8(a, aOff, lda, i0, full, p0, kc, dst, dOff);
        } else if (transA) {
            packTransposedAByCopies(a, aOff, lda, i0, full, p0, 0, kc, dst, dOff);
        } else {
            packPlainA(a, aOff, lda, i0, full, p0, kc, dst, dOff);
        }
        if (full < mc) packEdgeA(transA, a, aOff, lda, i0, full, mc - full, p0, kc, dst, dOff);
    }

    /**
     * op(A)[i][p] = a[p·lda + i], 4-row panels: one row of A holds step p of every micro-panel; read it once, in
     * order, two steps at a time: eight columns of rows p and p+1 are steps p, p+1 of two panels.
     */
    private static void packTransposedA4(float[] a, int aOff, int lda, int i0, int full, int p0, int kc,
                                         float[] dst, int dOff) {
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            int src = aOff + (p0 + p) * lda + i0;
            for (int ir = 0, d = dOff + p * MR; ir + 2 * MR <= full; ir += 2 * MR, d += 2 * MR * kc) {
                FloatVector x = FloatVector.fromArray(S8, a, src + ir);
                FloatVector y = FloatVector.fromArray(S8, a, src + lda + ir);
                x.rearrange(HALVES_LOW, y).intoArray(dst, d);
                x.rearrange(HALVES_HIGH, y).intoArray(dst, d + MR * kc);
            }
            if (full % (2 * MR) != 0) {
                int ir = full - MR, d = dOff + ir * kc + p * MR;
                System.arraycopy(a, src + ir, dst, d, MR);
                System.arraycopy(a, src + lda + ir, dst, d + MR, MR);
            }
        }
        packTransposedAByCopies(a, aOff, lda, i0, full, p0, p, kc, dst, dOff);
    }

    /**
     * op(A)[i][p] = a[p·lda + i], 8-row panels, two at a time down all k: a row of A gives a 64-byte line to two
     * output streams. Step by step across all panels ({@link #packTransposedAByCopies}) writes 18 streams 16 KiB
     * apart, which share their L1 sets: measured on Zen 5, one thread, 144 rows × 512 steps read 2,048 floats
     * apart, 0.82 ns per element that way, 0.23 this way. Each row's 16 floats are one 16-lane load whose halves
     * are stored apart: an 8-lane vector loaded only to be stored again was kept boxed by C2 in some runs on an
     * Intel Xeon (an allocation per vector, 120 MB per 2×512 training step), and two 8-float arraycopies in its
     * place cost 1.0–1.3 ns per element against 0.35–0.52 for the split load (one thread, the same JVM). The
     * last panel of an odd count is copied.
     */
    private static void packTransposedA8(float[] a, int aOff, int lda, int i0, int full, int p0, int kc,
                                         float[] dst, int dOff) {
        int ir = 0;
        for (; ir + 2 * MR <= full; ir += 2 * MR) {
            int src = aOff + p0 * lda + i0 + ir;
            for (int q = 0, d = dOff + ir * kc; q < kc; q++, src += lda, d += MR) {
                FloatVector both = FloatVector.fromArray(S16, a, src);
                ((FloatVector) both.reinterpretShape(S8, 0)).intoArray(dst, d);
                ((FloatVector) both.reinterpretShape(S8, 1)).intoArray(dst, d + MR * kc);
            }
        }
        if (ir < full) {
            int src = aOff + p0 * lda + i0 + ir;
            for (int q = 0, d = dOff + ir * kc; q < kc; q++, src += lda, d += MR) {
                System.arraycopy(a, src, dst, d, MR);
            }
        }
    }

    /**
     * op(A)[i][p] = a[p·lda + i], steps {@code [p, kc)}: a copy of constant length MR per panel and step, which
     * C2 turns into plain moves (element copies in a loop measured half as fast, and a 128-bit FloatVector was
     * not intrinsified by C2 and boxed every load).
     */
    private static void packTransposedAByCopies(float[] a, int aOff, int lda, int i0, int full, int p0, int p,
                                                int kc, float[] dst, int dOff) {
        for (; p < kc; p++) {
            int src = aOff + (p0 + p) * lda + i0;
            for (int ir = 0, d = dOff + p * MR; ir < full; ir += MR, d += MR * kc) {
                System.arraycopy(a, src + ir, dst, d, MR);
            }
        }
    }

    /**
     * op(A)[i][p] = a[i·lda + p]: the MR rows of a panel are read side by side, so the panel is written in order
     * (row by row it was written MR times over, with a stride of MR).
     */
    private static void packPlainA(float[] a, int aOff, int lda, int i0, int full, int p0, int kc,
                                   float[] dst, int dOff) {
        for (int ir = 0; ir < full; ir += MR) {
            int src = aOff + (i0 + ir) * lda + p0, d = dOff + ir * kc, p = 0;
            if (VECTOR_PACK && MR == 4) {
                for (; p + 8 <= kc; p += 8) transpose4x8(a, src + p, lda, dst, d + p * MR);
            } else if (VECTOR_PACK) {
                for (; p + 8 <= kc; p += 8) transpose8x8(a, src + p, lda, dst, d + p * MR, MR);
            }
            for (; p < kc; p++) {
                for (int r = 0; r < MR; r++) dst[d + p * MR + r] = a[src + r * lda + p];
            }
        }
    }

    /**
     * Eight steps of a 4-row panel: rows {@code a[src + r·lda ..+8)} for r in 0..3 become
     * {@code dst[d ..+32)} = step 0 of rows 0–3, step 1 of rows 0–3, ….
     */
    private static void transpose4x8(float[] a, int src, int lda, float[] dst, int d) {
        FloatVector r0 = FloatVector.fromArray(S8, a, src), r1 = FloatVector.fromArray(S8, a, src + lda);
        FloatVector r2 = FloatVector.fromArray(S8, a, src + 2 * lda), r3 = FloatVector.fromArray(S8, a, src + 3 * lda);
        FloatVector low01 = r0.rearrange(LOW, r1), high01 = r0.rearrange(HIGH, r1);    // r0 r1 pairs, steps 0–3, 4–7
        FloatVector low23 = r2.rearrange(LOW, r3), high23 = r2.rearrange(HIGH, r3);
        low01.rearrange(PAIRS_LOW, low23).intoArray(dst, d);                           // steps 0, 1
        low01.rearrange(PAIRS_HIGH, low23).intoArray(dst, d + 8);                      // steps 2, 3
        high01.rearrange(PAIRS_LOW, high23).intoArray(dst, d + 16);                    // steps 4, 5
        high01.rearrange(PAIRS_HIGH, high23).intoArray(dst, d + 24);                   // steps 6, 7
    }

    /**
     * An 8 × 8 block transposed: rows {@code a[src + r·lda ..+8)} for r in 0..7 become
     * {@code dst[d + q·ldd ..+8)} = element q of rows 0–7, for q in 0..7 (ldd 8 for a packed A panel: step 0 of
     * rows 0–7, step 1, …; NR for a packed B panel read from a transposed B). Rows 0–3 and 4–7 transposed as in
     * {@link #transpose4x8} (in pairs), then the halves of each pair joined. Measured on Zen 5, one thread,
     * 16 rows × 512 steps: 0.38 ns per element with element copies, 0.22 with this.
     */
    private static void transpose8x8(float[] a, int src, int lda, float[] dst, int d, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S8, a, src), r1 = FloatVector.fromArray(S8, a, src + lda);
        FloatVector r2 = FloatVector.fromArray(S8, a, src + 2 * lda), r3 = FloatVector.fromArray(S8, a, src + 3 * lda);
        FloatVector r4 = FloatVector.fromArray(S8, a, src + 4 * lda), r5 = FloatVector.fromArray(S8, a, src + 5 * lda);
        FloatVector r6 = FloatVector.fromArray(S8, a, src + 6 * lda), r7 = FloatVector.fromArray(S8, a, src + 7 * lda);
        FloatVector low01 = r0.rearrange(LOW, r1), high01 = r0.rearrange(HIGH, r1);
        FloatVector low23 = r2.rearrange(LOW, r3), high23 = r2.rearrange(HIGH, r3);
        FloatVector low45 = r4.rearrange(LOW, r5), high45 = r4.rearrange(HIGH, r5);
        FloatVector low67 = r6.rearrange(LOW, r7), high67 = r6.rearrange(HIGH, r7);
        FloatVector top01 = low01.rearrange(PAIRS_LOW, low23), top23 = low01.rearrange(PAIRS_HIGH, low23);
        FloatVector top45 = high01.rearrange(PAIRS_LOW, high23), top67 = high01.rearrange(PAIRS_HIGH, high23);
        FloatVector bottom01 = low45.rearrange(PAIRS_LOW, low67), bottom23 = low45.rearrange(PAIRS_HIGH, low67);
        FloatVector bottom45 = high45.rearrange(PAIRS_LOW, high67), bottom67 = high45.rearrange(PAIRS_HIGH, high67);
        top01.rearrange(HALVES_LOW, bottom01).intoArray(dst, d);                     // element 0 of rows 0–7
        top01.rearrange(HALVES_HIGH, bottom01).intoArray(dst, d + ldd);              // element 1
        top23.rearrange(HALVES_LOW, bottom23).intoArray(dst, d + 2 * ldd);
        top23.rearrange(HALVES_HIGH, bottom23).intoArray(dst, d + 3 * ldd);
        top45.rearrange(HALVES_LOW, bottom45).intoArray(dst, d + 4 * ldd);
        top45.rearrange(HALVES_HIGH, bottom45).intoArray(dst, d + 5 * ldd);
        top67.rearrange(HALVES_LOW, bottom67).intoArray(dst, d + 6 * ldd);
        top67.rearrange(HALVES_HIGH, bottom67).intoArray(dst, d + 7 * ldd);          // element 7
    }

    /** The last, partial panel of {@code mr < MR} rows from block row {@code ir}, padded with zeros. */
    private static void packEdgeA(boolean transA, float[] a, int aOff, int lda, int i0, int ir, int mr, int p0, int kc,
                                  float[] dst, int dOff) {
        int d = dOff + ir * kc;
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
        if (!transB) {
            // op(B)[p][j] = b[p·ldb + j]: row by row, each row's NR-wide pieces to every panel (see packRowOfB)
            for (int p = 0; p < kc; p++) packRowOfB(b, bOff + (p0 + p) * ldb + j0, nc, kc, dst, dOff + p * NR);
            return;
        }
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr), d = dOff + jr * kc;
            if (VECTOR_PACK && nr == NR) {
                // op(B)[p][j] = b[j·ldb + p]: 8 × 8 blocks transposed in registers, eight rows of B down all k at
                // a time (the layers pack W_ihᵀ and W_hhᵀ this way). Measured on Zen 5, one thread, ns per element:
                // element copies with a stride of NR 0.60, blocks with k outer 0.29 (at ldb 2048 the panel's 32
                // rows share L1 sets: 0.49), this order 0.23.
                int full = kc / 8 * 8;
                transposeRowsB(b, bOff + (j0 + jr) * ldb + p0, ldb, full, dst, d);
                for (int p = full; p < kc; p++) {
                    for (int j = 0; j < NR; j++) dst[d + p * NR + j] = b[bOff + (j0 + jr + j) * ldb + p0 + p];
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

    /**
     * One row of a plain B, {@code columns} floats from {@code src}, as step p of every panel of a packed slice of
     * depth {@code kc}: its NR-wide pieces go to {@code at + jr·kc}, the last one padded with zeros.
     */
    static void packRowOfB(float[] b, int src, int columns, int kc, float[] dst, int at) {
        int jr = 0;
        for (; jr + NR <= columns; jr += NR) System.arraycopy(b, src + jr, dst, at + jr * kc, NR);
        if (jr < columns) {
            int d = at + jr * kc, nr = columns - jr;
            System.arraycopy(b, src + jr, dst, d, nr);
            Arrays.fill(dst, d + nr, d + NR, 0f);
        }
    }

    /** Steps {@code [0, full)} of a full panel of a transposed B: 8 × 8 blocks, eight rows of B down all k. */
    private static void transposeRowsB(float[] b, int src, int ldb, int full, float[] dst, int d) {
        for (int j = 0; j < NR; j += 8, src += 8 * ldb) {
            for (int p = 0; p < full; p += 8) transpose8x8(b, src + p, ldb, dst, d + p * NR + j, NR);
        }
    }
}
