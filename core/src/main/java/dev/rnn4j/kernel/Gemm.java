package dev.rnn4j.kernel;

import static dev.rnn4j.kernel.GemmMicroKernel.MR;
import static dev.rnn4j.kernel.GemmMicroKernel.NR;

/**
 * Single-precision matrix multiply on row-major arrays with offsets and leading dimensions:
 * {@code C = beta·C + op(A)·op(B)} where {@code op(X)} is X or Xᵀ, op(A) is m×k, op(B) is k×n.
 *
 * <pre>{@code
 * // C[m×n] += A[m×k] · W[n×k]ᵀ   (a Linear layer's forward with accumulation)
 * Gemm.sgemm(false, true, m, n, k, a, 0, k, w, 0, k, 1f, c, 0, n);
 * }</pre>
 *
 * {@code lda} is the row stride of A as stored (k when not transposed, m when transposed), likewise
 * {@code ldb} and {@code ldc}. {@code beta} is usually 0 (overwrite, C is never read, so NaN in C does
 * not leak) or 1 (accumulate).
 *
 * <p>Large products are cache-blocked and packed ({@link GemmBlocked}) around a register micro-kernel
 * ({@link GemmMicroKernel}) and split over {@link KernelPool} by whole output tiles ({@link GemmThreads}); a
 * single row ({@code m == 1}) streams B once ({@link GemmRowVector}). Each element of C is summed in an order
 * that depends only on k, so the result is bitwise the same for any thread count.
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        checkOperands(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scale(m, n, beta, c, cOff, ldc);
        } else if (m == 1) {
            GemmThreads.rowVector(transA, transB, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff);
        } else {
            GemmThreads.blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, null, 0, c, cOff, ldc, null);
        }
    }

    /**
     * {@code C = op(A)·op(B) + row}: the row vector {@code row[rowOff..rowOff+n)} (a bias) added to every row of the
     * product; C is only written. The bits of filling every row of C with the row and calling {@link #sgemm} with
     * beta 1, without that pass over C and the product's reads of it from memory:
     *
     * <pre>{@code
     * // y[m×n] = x[m×k] · W[n×k]ᵀ + b   (a Linear layer's forward)
     * Gemm.sgemmPlusRow(false, true, m, n, k, x, 0, k, w, 0, k, b, 0, y, 0, n);
     * }</pre>
     *
     * Measured on Zen 5, two threads, the input projection of a 512-wide LSTM layer (3,200 rows, n 2,048, k 512):
     * 1.10–1.12× the speed of the fill and beta 1, which spend 13–16% of their time on the fill and on reading C back
     * from memory at the end of every tile (docs/results/2026-12-04T0344-*).
     */
    public static void sgemmPlusRow(boolean transA, boolean transB, int m, int n, int k,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] row, int rowOff, float[] c, int cOff, int ldc) {
        checkOperands(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        checkMatrix("row", row, rowOff, Math.max(1, n), 1, n, false);
        if (m == 0 || n == 0) return;
        if (k == 0 || m == 1) {
            // nothing to block: the fill, then the product added
            for (int i = 0; i < m; i++) System.arraycopy(row, rowOff, c, cOff + i * ldc, n);
            if (k > 0) sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
        } else {
            GemmThreads.blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, 1f, row, rowOff, c, cOff, ldc,
                    null);
        }
    }

    /**
     * {@code C = beta·C + Aᵀ·op(B)} as {@link #sgemm} with {@code transA}, and A's column sums (op(A)'s row sums) added
     * to {@code sum} and, unless null, to {@code sum2}: {@code sum[sumOff + i] += Σ_p A[p][i]}; with {@code sum} null
     * (a layer without biases) the product alone, and {@code sum2} must be null too. That is a weight
     * gradient and its bias gradient, {@code dW += dYᵀ·X} and {@code db += Σ_rows dY}, in one read of dY:
     *
     * <pre>{@code
     * Gemm.sgemmWithColumnSums(false, out, in, rows, dy, 0, out, x, 0, in, 1f, dW, 0, in, db, 0, null, 0);
     * }</pre>
     *
     * The sums add A's rows in order: the bits of {@link Rows#addColumnSums}, whatever the thread count.
     */
    public static void sgemmWithColumnSums(boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                                           float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                                           float[] sum, int sumOff, float[] sum2, int sum2Off) {
        if (sum == null) {
            if (sum2 != null) throw new IllegalArgumentException("sum2 needs sum: pass the first sums as sum");
            sgemm(true, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        checkDims(m, n, k);
        checkMatrix("sum", sum, sumOff, Math.max(1, m), 1, m, false);
        if (sum2 != null) checkMatrix("sum2", sum2, sum2Off, Math.max(1, m), 1, m, false);
        GemmRowSums sums = new GemmRowSums(sum, sumOff, sum2, sum2Off);
        if (m > 1 && n > 0 && k > 0) {
            checkMatrix("A", a, aOff, lda, k, m, true);
            checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n, transB);
            checkMatrix("C", c, cOff, ldc, m, n, false);
            if (GemmThreads.blocked(true, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, null, 0, c, cOff, ldc,
                    sums)) {
                return;
            }
        } else {
            sgemm(true, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
        sums.addUnpacked(m, k, a, aOff, lda);
    }

    /**
     * Two products, added, of two A that share their first {@code same} columns: {@code C1 += A1ᵀ·B1} and
     * {@code C2 += Aᵀ·B2}, with A1's column sums added to {@code sum1} and A's to {@code sum2} (either may be null).
     * A is stored {@code k × m} from {@code aOff} with row stride {@code lda}; A1 is A's first {@code same} columns
     * followed by {@code tail}'s {@code m − same} ({@code k × (m − same)} from {@code tailOff}, row stride
     * {@code ldTail}; unused, and may be null, when {@code same == m}). B1 {@code k × n1}, B2 {@code k × n2},
     * C1 {@code m × n1}, C2 {@code m × n2} are row-major and dense. That is a layer's two weight gradients and two
     * bias gradients, {@code dW_hh += dAhᵀ·hPrev}, {@code dW_ih += dAxᵀ·x}, where dAh and dAx agree in every gate
     * (LSTM, RNN: {@code same = m}) or in all but GRU's n gate, whose hidden side is kept alone as the tail:
     *
     * <pre>{@code
     * Gemm.sgemmPairWithColumnSums(G, rows, 2 * H, dAx, 0, G, dAhN, 0, H, hPrev, 0, H, dWhh, 0, x, 0, I, dWih, 0,
     *         dbHh, 0, dbIh, 0);
     * }</pre>
     *
     * B1 and B2 are packed side by side, and each block of the shared columns is packed once for both products, so dA
     * (26 MB for a 2×512 LSTM layer at batch 32 × 100 steps) is read once instead of twice. The bits of the separate
     * {@link #sgemmWithColumnSums} calls, whatever the thread count: each element sums the same terms in the same
     * order.
     */
    public static void sgemmPairWithColumnSums(int m, int k, int same, float[] a, int aOff, int lda,
                                               float[] tail, int tailOff, int ldTail,
                                               float[] b1, int b1Off, int n1, float[] c1, int c1Off,
                                               float[] b2, int b2Off, int n2, float[] c2, int c2Off,
                                               float[] sum1, int sum1Off, float[] sum2, int sum2Off) {
        checkDims(m, n1, k);
        checkDims(m, n2, k);
        if (same < 0 || same > m) throw new IllegalArgumentException("same must be in [0, m=" + m + "], got " + same);
        long width = GemmBlocked.roundUp(n1, NR) + (long) n2;
        if (m < 2 || n1 == 0 || n2 == 0 || k == 0 || (long) k * width > GemmThreads.SHARED_PACK_MAX
                || (m + MR - 1) / MR < (width + NR - 1) / NR) {
            // nothing to share (or the split by rows does not apply): the products one after the other, A1's shared
            // columns and its tail apart (each C element sums the same terms in the same order either way)
            int ld1 = Math.max(1, n1), ld2 = Math.max(1, n2);
            if (same > 0) {
                sgemmWithColumnSums(false, same, n1, k, a, aOff, lda, b1, b1Off, ld1, 1f, c1, c1Off, ld1, sum1,
                        sum1Off, null, 0);
            }
            if (same < m) {
                sgemmWithColumnSums(false, m - same, n1, k, tail, tailOff, Math.max(1, ldTail), b1, b1Off, ld1, 1f,
                        c1, c1Off + same * ld1, ld1, sum1, sum1Off + same, null, 0);
            }
            sgemmWithColumnSums(false, m, n2, k, a, aOff, lda, b2, b2Off, ld2, 1f, c2, c2Off, ld2, sum2, sum2Off,
                    null, 0);
            return;
        }
        checkMatrix("A", a, aOff, lda, k, m, true);
        if (same < m) checkMatrix("tail", tail, tailOff, ldTail, k, m - same, true);
        checkMatrix("C1", c1, c1Off, n1, m, n1, false);
        checkMatrix("C2", c2, c2Off, n2, m, n2, false);
        if (sum1 != null) checkMatrix("sum1", sum1, sum1Off, m, 1, m, false);
        if (sum2 != null) checkMatrix("sum2", sum2, sum2Off, m, 1, m, false);
        GemmRowSums sums1 = sum1 == null ? null : new GemmRowSums(sum1, sum1Off, null, 0);
        GemmRowSums sums2 = sum2 == null ? null : new GemmRowSums(sum2, sum2Off, null, 0);
        GemmRowSums both = sum1 == null ? sums2 : new GemmRowSums(sum1, sum1Off, sum2, sum2Off);
        // One k slice after the other, each with B packed for it alone: the threads then read a slice's B (6.5 MB for a
        // 2×512 layer at 3,200 rows) instead of each streaming all of it (13 MB) for every block of A. Each C element
        // and sum still adds its slices in k order; C stays in L2 between slices no longer, which costs less: on Zen 5
        // (2 vCPUs) that pair ran at 282–301 GFLOP/s in one go, 294–328 slice by slice.
        int depth = GemmBlocked.sliceDepth(k);
        for (int pc = 0; pc < k; pc += depth) {
            GemmThreads.pairSlice(m, Math.min(depth, k - pc), same, a, aOff + pc * lda, lda, tail,
                    tailOff + pc * ldTail, ldTail,
                    b1, b1Off + pc * n1, n1, c1, c1Off, b2, b2Off + pc * n2, n2, c2, c2Off, both, sums1, sums2);
        }
    }

    /**
     * The depth of the k slices a product of shared dimension {@code k} sums one after the other (each C element adds
     * its slices in k order, each slice summed from zero in the register tile). A product over fewer terms gives the
     * same bits as long as each of its slices holds the terms of one of these, in order, less zero terms: a caller
     * that drops rows of zeros from k (padding) and multiplies slice by slice keeps the bits.
     */
    public static int sliceDepth(int k) {
        return GemmBlocked.sliceDepth(k);
    }

    /**
     * {@code C = beta·C + op(A)·B} with B packed ahead ({@link PackedMatrix}, {@code k × n}); op(A) is
     * {@code m × k}. Always the blocked kernel, whatever m: a row's bits do not depend on how many rows
     * are multiplied with it, so callers may split a batch over threads freely.
     */
    public static void sgemm(boolean transA, int m, float[] a, int aOff, int lda, PackedMatrix b,
                             float beta, float[] c, int cOff, int ldc) {
        packedProduct(transA, m, a, aOff, lda, b, beta, null, 0, c, cOff, ldc);
    }

    /**
     * {@code C = op(A)·B + row} with B packed ahead, as {@link #sgemmPlusRow(boolean, boolean, int, int, int, float[],
     * int, int, float[], int, int, float[], int, float[], int, int)}: the bits of filling C's rows with the row and
     * {@link #sgemm(boolean, int, float[], int, int, PackedMatrix, float, float[], int, int)} with beta 1.
     */
    public static void sgemmPlusRow(boolean transA, int m, float[] a, int aOff, int lda, PackedMatrix b,
                                    float[] row, int rowOff, float[] c, int cOff, int ldc) {
        if (row == null) throw new IllegalArgumentException("row must not be null");
        packedProduct(transA, m, a, aOff, lda, b, 1f, row, rowOff, c, cOff, ldc);
    }

    /** The two products with B packed ahead: C starts from {@code row} unless it is null, else from beta·C. */
    private static void packedProduct(boolean transA, int m, float[] a, int aOff, int lda, PackedMatrix b,
                                      float beta, float[] row, int rowOff, float[] c, int cOff, int ldc) {
        if (b == null) throw new IllegalArgumentException("packed B must not be null");
        int n = b.columns(), k = b.rows();
        checkDims(m, n, k);
        if (k == 0) throw new IllegalArgumentException("packed B is empty: call pack first");
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k, transA);
        if (row != null) checkMatrix("row", row, rowOff, Math.max(1, n), 1, n, false);
        checkMatrix("C", c, cOff, ldc, m, n, false);
        if (m == 0) return;
        if (KernelPool.availableThreads() == 1 || (long) m * n * k < GemmThreads.PARALLEL_MIN_WORK) {
            GemmBlocked.multiplyPacked(transA, 0, m, 0, n, a, aOff, lda, b, beta, row, rowOff, c, cOff, ldc, null);
        } else {
            GemmThreads.parallelPacked(transA, m, n, a, aOff, lda, b, beta, row, rowOff, c, cOff, ldc, null);
        }
    }

    /** k == 0: op(A)·op(B) is all zeros, so C = beta·C (and exactly 0 for beta 0). */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[row + j] = beta == 0f ? 0f : c[row + j] * beta;
        }
    }

    /** The dimensions and the three operands of {@code C = op(A)·op(B)}, as stored. */
    private static void checkOperands(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        checkDims(m, n, k);
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k, transA);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n, transB);
        checkMatrix("C", c, cOff, ldc, m, n, false);
    }

    private static void checkDims(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm dimensions must be non-negative, got m=" + m + ", n=" + n
                    + ", k=" + k);
        }
    }

    /** A {@code rows × cols} matrix stored row-major from {@code off} with row stride {@code ld}. */
    static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols, boolean transposed) {
        // messages are built only on failure: this runs on every call, per time step in the layers
        if (x == null) throw bad(name, rows, cols, transposed, " must not be null");
        if (ld < Math.max(1, cols)) {
            throw bad(name, rows, cols, transposed, " needs ld" + name.toLowerCase() + " of at least "
                    + Math.max(1, cols) + ", got " + ld);
        }
        if (off < 0) throw bad(name, rows, cols, transposed, " needs a non-negative offset, got " + off);
        if (rows == 0 || cols == 0) return;
        long last = off + (long) (rows - 1) * ld + cols - 1;
        if (last >= x.length) {
            throw bad(name, rows, cols, transposed, " with offset " + off + " and ld" + name.toLowerCase() + " " + ld
                    + " needs an array of at least " + (last + 1) + " floats, got " + x.length);
        }
    }

    private static IllegalArgumentException bad(String name, int rows, int cols, boolean transposed, String problem) {
        return new IllegalArgumentException(name + (transposed ? " (transposed, stored " : " (stored ") + rows + "×"
                + cols + ")" + problem);
    }
}
