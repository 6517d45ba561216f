package dev.rnn4j.kernel;

import static dev.rnn4j.kernel.GemmMicroKernel.MR;
import static dev.rnn4j.kernel.GemmMicroKernel.NR;

/**
 * The cache-blocked single-thread driver of {@link Gemm} (Goto's loop order): for each NC-wide
 * column block and KC-deep slice of k, take op(B) packed (it stays in L3, one micro-panel at a time in
 * L1), then for each MC-tall row block pack op(A) (it stays in L2) and sweep the micro-kernel over it.
 *
 * <pre>{@code
 * // rows [0, m) and columns [0, n) of C = beta·C + op(A)·op(B)
 * GemmBlocked.multiply(false, false, 0, m, 0, n, k, a, 0, k, b, 0, n, 0f, null, 0, c, 0, n, null);
 * }</pre>
 *
 * The k slices depend only on k, so every C element is summed in the same order whichever rows or
 * columns a thread is given, and whether B was packed here or ahead ({@link PackedMatrix}): splitting
 * work over threads never changes the bits of the result.
 */
final class GemmBlocked {
    /**
     * The deepest k slice. Every slice but the first adds its product to C, so a C tile is read and written once
     * more per slice; a deep slice also runs the tile's k loop longer per load and store of its 16 accumulators.
     * Measured on Zen 5 (AVX-512, two threads, in one JVM against slices of 512, docs/results/2026-12-04T1020-*):
     * lstm_layer 1.047 and 1.040, gru_layer 0.968 and 1.021, charlm_train 1.044 in A/Bs of 20–40 pairs; the layers'
     * products dx (k 2,048) and dW (k 3,200) 1.016 and 1.028, sgemm 2048 1.004 (1.08 in a stretch where the VM's
     * memory was slow); AVX2 code on the same CPU: lstm_layer 1.015, gru_layer 0.988, charlm_train 1.020. One depth
     * for every vector width keeps a product's bits the same on AVX2 and AVX-512 machines. Up to 2,048 a product is
     * one slice (a layer's dx and dh for G ≤ 2,048); a C element's sums depend on the depth, never on the threads.
     */
    static final int KC = 2048;
    /** The slice depth MC and NC are sized for; deeper slices take fewer rows and columns of the same floats. */
    private static final int BLOCK_DEPTH = 512;
    /**
     * Rows of an A block at slices of BLOCK_DEPTH or less: 144 × 512 floats of A (288 KiB) sit in L2 beside the C
     * rows being updated.
     */
    static final int MC = 18 * MR;
    /** Columns of a B block packed per thread at slices of BLOCK_DEPTH or less (4 MiB). */
    static final int NC = Math.max(NR, 2048 / NR * NR);

    /** Rows of an A block for slices of depth {@code depth}. */
    static int rowBlock(int depth) {
        return sameFloats(MC, MR, depth);
    }

    /** Columns of a B block packed for slices of depth {@code depth}. */
    static int columnBlock(int depth) {
        return sameFloats(NC, NR, depth);
    }

    /** {@code size} up to BLOCK_DEPTH, then as many as hold the same floats, on the {@code grid}, at least one. */
    private static int sameFloats(int size, int grid, int depth) {
        return Math.max(grid, Math.min(size, size * BLOCK_DEPTH / Math.max(1, depth) / grid * grid));
    }

    /**
     * Index of the first float of a packed B in its array: 16 bytes of array header plus 12 floats is 64 bytes, so
     * where the JVM starts arrays on cache lines ({@code -XX:ObjectAlignmentInBytes=64}, as the launcher runs it)
     * every panel row of B is one cache line and no vector load of B is split across two. On an Intel Xeon the
     * register tile ran at 78.7 GFLOP/s with B on cache lines against 67–73 off them (one core, panels in L1;
     * {@code docs/results/2026-12-03T0330-*}). Elsewhere it changes nothing: a Java array is 8-byte aligned.
     */
    static final int PANEL_START = 12;

    private GemmBlocked() {}

    /** Per-thread packing buffers, grown on first use and then reused: no allocation per call. */
    private static final class Buffers {
        float[] packedA = new float[0];
        float[] packedB = new float[0];
        final float[] edgeTile = new float[MR * NR];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Slices k into near-equal pieces of at most KC (a last slice of 3 wastes the packing). */
    static int sliceDepth(int k) {
        int slices = (k + KC - 1) / KC;
        return (k + slices - 1) / slices;
    }

    /**
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C; {@code j0} must be on the NR grid. Unless
     * {@code sums} is null, adds the sums of op(A)'s rows {@code [i0, i1)} too (from the first column block's packing).
     * Unless {@code row} is null, C starts from it instead of from beta·C: {@code C = op(A)·op(B) + row} in every row
     * ({@code row[rowOff + j]} for column j), the bits of C filled with the row and beta 1.
     */
    static void multiply(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] row, int rowOff, float[] c, int cOff, int ldc, GemmRowSums sums) {
        Buffers buf = buffers(k, i1 - i0, j1 - j0);
        int depth = sliceDepth(k), ncBlock = columnBlock(depth), mcBlock = rowBlock(depth);
        for (int jc = j0; jc < j1; jc += ncBlock) {
            int nc = Math.min(ncBlock, j1 - jc);
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, buf.packedB, PANEL_START);
                rowBlocks(transA, i0, i1, mcBlock, a, aOff, lda, pc, kc, buf.packedB, PANEL_START, nc,
                        pc == 0 ? beta : 1f, pc == 0 ? row : null, rowOff + jc, c, cOff + jc, ldc, buf,
                        jc == j0 ? sums : null);
            }
        }
    }

    /**
     * As {@link #multiply}, with op(B) packed ahead; {@code j0} must be on the NR grid. All of B is at hand, so each
     * row block goes through every k slice before the next block starts: its C block (rows × 512 floats of a
     * weight gradient) stays in L2 from slice to slice instead of coming back from L3. The same sums in
     * the same order (slices in k order for every element). Measured on Zen 5, two threads, the two orders
     * alternating in one JVM: dW 2048×512×3200 +1–10%, dx 3200×512×2048 +0–6%, sgemm 2048 +0–5% in three of five
     * processes, within ±2% in the other two (docs/results/2026-12-03T2246-*).
     */
    static void multiplyPacked(boolean transA, int i0, int i1, int j0, int j1,
                               float[] a, int aOff, int lda, PackedMatrix b,
                               float beta, float[] row, int rowOff, float[] c, int cOff, int ldc, GemmRowSums sums) {
        int k = b.rows(), depth = b.depth(), mcBlock = rowBlock(depth);
        Buffers buf = buffers(k, i1 - i0, 0);
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int ic = i0; ic < i1; ic += mcBlock) {
                int ie = Math.min(i1, ic + mcBlock);
                for (int pc = 0; pc < k; pc += depth) {
                    int kc = Math.min(depth, k - pc);
                    rowBlocks(transA, ic, ie, mcBlock, a, aOff, lda, pc, kc, b.data(), b.panel(pc, jc), nc,
                            pc == 0 ? beta : 1f, pc == 0 ? row : null, rowOff + jc, c, cOff + jc, ldc, buf,
                            jc == j0 ? sums : null);
                }
            }
        }
    }

    /**
     * Rows {@code [i0, i1)} of two products with a B packed {@link PackedMatrix#packSideBySide side by side}:
     * {@code C1 = beta·C1 + op(A1)·B1} (B's first {@code n1} columns) and {@code C2 = beta·C2 + op(A)·B2} (its columns
     * from {@link PackedMatrix#secondStart}). op(A1) holds op(A)'s rows below {@code same} and {@code tail}'s from
     * there (op(tail)'s row {@code i − same} is op(A1)'s row i): each block of the shared rows is packed once and goes
     * through both (a layer's two weight gradients of dA read and pack it once). Row sums: {@code both} (of the shared
     * rows, into both sums), {@code sums1} and {@code sums2} (each one's own rows); any may be null. Every element
     * sums its slices in k order, as in {@link #multiplyPacked}.
     */
    static void multiplySideBySide(boolean transA, int i0, int i1, int same, float[] a, int aOff, int lda,
                                   float[] tail, int tailOff, int ldTail, PackedMatrix b, int n1, float beta,
                                   float[] c1, int c1Off, int ldc1, float[] c2, int c2Off, int ldc2,
                                   GemmRowSums both, GemmRowSums sums1, GemmRowSums sums2) {
        int k = b.rows(), depth = b.depth(), mcBlock = rowBlock(depth);
        Buffers buf = buffers(k, i1 - i0, 0);
        for (int ic = i0; ic < i1; ) {
            // blocks end at `same`, so each is either shared or not
            int ie = Math.min(Math.min(i1, ic + mcBlock), ic < same ? same : Integer.MAX_VALUE), mc = ie - ic;
            boolean shared = ic < same;
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                float sliceBeta = pc == 0 ? beta : 1f;
                if (shared) {
                    packBlock(transA, a, aOff, lda, ic, mc, pc, kc, buf, both);
                } else {                                   // the tail's rows, numbered from `same`
                    GemmPacking.packA(transA, tail, tailOff, ldTail, ic - same, mc, pc, kc, buf.packedA, 0);
                    if (sums1 != null) sums1.addPacked(buf.packedA, 0, ic, mc, kc);
                }
                sweepColumns(mc, 0, n1, kc, pc, buf, b, c1, c1Off + ic * ldc1, ldc1, sliceBeta);
                if (!shared) packBlock(transA, a, aOff, lda, ic, mc, pc, kc, buf, sums2);
                sweepColumns(mc, b.secondStart(), b.columns(), kc, pc, buf, b, c2, c2Off + ic * ldc2, ldc2, sliceBeta);
            }
            ic = ie;
        }
    }

    /** Packs rows {@code [ic, ic + mc)} of op(A), k slice {@code pc}, into the block buffer, and any sums of them. */
    private static void packBlock(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc,
                                  Buffers buf, GemmRowSums sums) {
        GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, buf.packedA, 0);
        if (sums != null) sums.addPacked(buf.packedA, 0, ic, mc, kc);
    }

    /** The packed A block of {@code buf} times packed columns {@code [from, to)} of B's slice {@code pc}, into C. */
    private static void sweepColumns(int mc, int from, int to, int kc, int pc, Buffers buf, PackedMatrix b,
                                     float[] c, int cOff, int ldc, float beta) {
        for (int jc = from; jc < to; jc += NC) {
            sweep(mc, Math.min(NC, to - jc), kc, buf.packedA, 0, b.data(), b.panel(pc, jc), c, cOff + jc - from, ldc,
                    beta, null, 0, buf.edgeTile);
        }
    }

    /**
     * Packs rows {@code [i0, i1)} of op(A) ({@code m × k}, i0 on the MR grid) for every k slice into the layout
     * {@link #multiplyPrepacked} reads: the slice starting at column {@code pc} at {@code pc·mPadded}, inside it
     * the panel of row {@code ir} at {@code ir·kc}. Threads may pack disjoint row ranges of one buffer. Unless
     * {@code sums} is null, adds the sums of these rows too.
     */
    static void packRows(boolean transA, float[] a, int aOff, int lda, int i0, int i1, int k, float[] dst,
                         int mPadded, GemmRowSums sums) {
        int depth = sliceDepth(k);
        for (int pc = 0; pc < k; pc += depth) {
            int kc = Math.min(depth, k - pc), at = pc * mPadded + i0 * kc;
            GemmPacking.packA(transA, a, aOff, lda, i0, i1 - i0, pc, kc, dst, at);
            if (sums != null) sums.addPacked(dst, at, i0, i1 - i0, kc);
        }
    }

    /**
     * As {@link #multiplyPacked} for rows {@code [i0, i1)} ({@code i0} on the MR grid), with op(A) packed ahead by
     * {@link #packRows}: threads that split the columns of one product then share one packed A instead of each
     * packing all of it, and threads that split a large B into column blocks pack no row twice.
     */
    static void multiplyPrepacked(int i0, int i1, int j0, int j1, float[] pa, int mPadded, PackedMatrix b,
                                  float beta, float[] row, int rowOff, float[] c, int cOff, int ldc) {
        int k = b.rows(), depth = b.depth(), mcBlock = rowBlock(depth);
        float[] edge = BUFFERS.get().edgeTile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                for (int ic = i0; ic < i1; ic += mcBlock) {
                    sweep(Math.min(mcBlock, i1 - ic), nc, kc, pa, pc * mPadded + ic * kc, b.data(), b.panel(pc, jc),
                            c, cOff + jc + ic * ldc, ldc, pc == 0 ? beta : 1f, pc == 0 ? row : null, rowOff + jc, edge);
                }
            }
        }
    }

    private static Buffers buffers(int k, int rows, int columns) {
        Buffers buf = BUFFERS.get();
        int depth = sliceDepth(k);
        int nb = depth * Math.min(columnBlock(depth), roundUp(columns, NR));
        int na = depth * Math.min(rowBlock(depth), roundUp(rows, MR));
        if (buf.packedB.length < nb + PANEL_START) buf.packedB = new float[nb + PANEL_START];
        if (buf.packedA.length < na) buf.packedA = new float[na];
        return buf;
    }

    /**
     * One k slice of one column block, every MC row block of [i0, i1) in turn, op(A) packed first. A plain A
     * too: read in place, rows a power-of-two stride apart (n = 2048) fall into the same L2 sets and evict
     * each other; packed, the block is contiguous. Measured on Zen 3, n = 2048: one thread 73–77 → 84–89
     * GFLOP/s, two threads 145–150 → 164–169, the layers unchanged or better.
     */
    private static void rowBlocks(boolean transA, int i0, int i1, int mcBlock, float[] a, int aOff, int lda,
                                  int pc, int kc, float[] pb, int pbOff, int nc, float beta, float[] row, int rowOff,
                                  float[] c, int cOff, int ldc, Buffers buf, GemmRowSums sums) {
        for (int ic = i0; ic < i1; ic += mcBlock) {
            int mc = Math.min(mcBlock, i1 - ic);
            packBlock(transA, a, aOff, lda, ic, mc, pc, kc, buf, sums);
            sweep(mc, nc, kc, buf.packedA, 0, pb, pbOff, c, cOff + ic * ldc, ldc, beta, row, rowOff, buf.edgeTile);
        }
    }

    /**
     * Runs the micro-kernel over one packed A block × one packed B block, B panel outermost (L1 reuse); C starts from
     * {@code row} (from {@code rowOff} at the block's first column) unless it is null.
     */
    private static void sweep(int mc, int nc, int kc, float[] pa, int paOff, float[] pb, int pbOff, float[] c, int ci,
                              int ldc, float beta, float[] row, int rowOff, float[] edge) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr), bp = pbOff + jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int cTile = ci + ir * ldc + jr;
                int ap = paOff + ir * kc;
                if (mr == MR && nr == NR) {
                    if (row == null) GemmMicroKernel.multiply(kc, pa, ap, pb, bp, c, cTile, ldc, beta, edge);
                    else GemmMicroKernel.multiplyPlusRow(kc, pa, ap, pb, bp, c, cTile, ldc, row, rowOff + jr);
                } else {
                    GemmMicroKernel.multiplyEdge(mr, kc, pa, ap, pb, bp, edge);
                    if (row == null) GemmMicroKernel.mergeEdge(edge, mr, nr, c, cTile, ldc, beta);
                    else GemmMicroKernel.mergeEdgePlusRow(edge, mr, nr, c, cTile, ldc, row, rowOff + jr);
                }
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
