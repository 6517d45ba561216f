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
 * ({@link GemmMicroKernel}) and split over {@link KernelPool} by whole output tiles; a single row
 * ({@code m == 1}) streams B once ({@link GemmRowVector}). Each element of C is summed in an order
 * that depends only on k, so the result is bitwise the same for any thread count.
 */
public final class Gemm {
    /** Below this many multiply-adds a hand-off to other threads costs more than it saves. */
    static final long PARALLEL_MIN_WORK = 64L * 64 * 64;
    /** A row-vector product is memory bound; splitting pays off only once B is a few MiB. */
    static final long PARALLEL_MIN_ROW_VECTOR_WORK = 1L << 20;

    /** Largest op(B), in floats, packed whole and shared by the threads (16 MiB, within L3). */
    static final long SHARED_PACK_MAX = 4L << 20;
    /**
     * Largest column block of a shared packed B, in floats (4 MiB, a thread's B block in {@link GemmBlocked}), that
     * threads splitting the rows go through together. Over a whole larger B, each thread's every A block streams all
     * of it, the two threads at different places: on Zen 5 (a 2-vCPU KVM guest) sgemm 2048 (16 MiB of B) ran at
     * 272–325 GFLOP/s that way and at 308–359 in blocks of 4 MiB, in alternating JVMs where OpenBLAS's ran at 308–353
     * (bench/ab in one JVM: 1.08 in slower minutes, 1.00 in a fast one; blocks of 2 or 8 MiB within the spread).
     */
    static final long COLUMN_BLOCK_MAX = 1L << 20;

    /**
     * Largest C, in elements, whose product splits so that each thread packs what it multiplies itself (a weight
     * gradient's m × n over a long k, as an output layer's dW of 65 × 128 over 2,500 rows), where sharing one packed B
     * costs more than it saves: on Zen 5 (a 2-vCPU KVM guest) a cache line written by one core and then read or
     * written by the other costs ~1 ns, as much as packing four floats, and a product this small has too few
     * multiply-adds per B element to hide it (the reused pack buffer goes back and forth between the cores every
     * call). Measured there, two threads, µs per call (docs/results/2026-12-05T0525-*): dW 65 × 128 × 2,500 440 → 187,
     * 65 × 256 × 3,200 740 → 480, 256 × 128 × 2,500 800 → 600, 512 × 128 × 2,500 1,380 → 1,130; at 512 × 256 and
     * 1,024 × 256 the same either way.
     */
    static final long OWN_PACKING_MAX = 1L << 16;

    /** The shared packed B of each calling thread, reused from call to call. */
    private static final ThreadLocal<PackedMatrix> SHARED_PACK = ThreadLocal.withInitial(PackedMatrix::new);
    /** The shared packed op(A) of each calling thread (column splits), reused from call to call. */
    private static final ThreadLocal<float[][]> SHARED_ROWS =
            ThreadLocal.withInitial(() -> new float[][] {new float[0]});
    private static final ThreadLocal<float[][]> ROW_COPY = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

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
            rowVector(transA, transB, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff);
        } else {
            blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, null, 0, c, cOff, ldc, null);
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
            blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, 1f, row, rowOff, c, cOff, ldc, null);
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
            if (blocked(true, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, null, 0, c, cOff, ldc, sums)) return;
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
        if (m < 2 || n1 == 0 || n2 == 0 || k == 0 || (long) k * width > SHARED_PACK_MAX
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
            pairSlice(m, Math.min(depth, k - pc), same, a, aOff + pc * lda, lda, tail, tailOff + pc * ldTail, ldTail,
                    b1, b1Off + pc * n1, n1, c1, c1Off, b2, b2Off + pc * n2, n2, c2, c2Off, both, sums1, sums2);
        }
    }

    /** One k slice ({@code k ≤ KC}) of {@link #sgemmPairWithColumnSums}, its arguments checked there. */
    private static void pairSlice(int m, int k, int same, float[] a, int aOff, int lda,
                                  float[] tail, int tailOff, int ldTail,
                                  float[] b1, int b1Off, int n1, float[] c1, int c1Off,
                                  float[] b2, int b2Off, int n2, float[] c2, int c2Off,
                                  GemmRowSums both, GemmRowSums sums1, GemmRowSums sums2) {
        PackedMatrix packed = SHARED_PACK.get().packSideBySide(k, b1, b1Off, n1, b2, b2Off, n2);
        int rowTiles = (m + MR - 1) / MR;
        long work = (long) m * (GemmBlocked.roundUp(n1, NR) + n2) * k;
        int threads = KernelPool.availableThreads();
        int tasks = threads == 1 || work < PARALLEL_MIN_WORK ? 1 : Math.min(threads * runsPerThread(work), rowTiles);
        KernelPool.parallelFor(tasks, t -> GemmBlocked.multiplySideBySide(true,
                split(rowTiles, tasks, t) * MR, Math.min(m, split(rowTiles, tasks, t + 1) * MR), same, a, aOff, lda,
                tail, tailOff, ldTail, packed, n1, 1f, c1, c1Off, n1, c2, c2Off, n2, both, sums1, sums2));
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
        if (KernelPool.availableThreads() == 1 || (long) m * n * k < PARALLEL_MIN_WORK) {
            GemmBlocked.multiplyPacked(transA, 0, m, 0, n, a, aOff, lda, b, beta, row, rowOff, c, cOff, ldc, null);
        } else {
            parallelPacked(transA, m, n, a, aOff, lda, b, beta, row, rowOff, c, cOff, ldc, null);
        }
    }

    /**
     * The blocked product, and op(A)'s row sums where each element of op(A) is packed once ({@code sums} may be null).
     * Returns whether the sums were added; where A is packed by every thread, they are not, and the caller adds them.
     * Unless {@code row} is null, C starts from it (see {@link GemmBlocked#multiply}).
     */
    private static boolean blocked(boolean transA, boolean transB, int m, int n, int k,
                                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                   float beta, float[] row, int rowOff, float[] c, int cOff, int ldc,
                                   GemmRowSums sums) {
        int threads = KernelPool.availableThreads();
        boolean small = (long) m * n <= OWN_PACKING_MAX;
        if (threads == 1 || (long) m * n * k < PARALLEL_MIN_WORK) {
            GemmBlocked.multiply(transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, beta, row, rowOff, c, cOff,
                    ldc, sums);
            return true;
        } else if (small && m >= n) {
            // A small C: each thread packs all of B (the smaller operand to pack twice) and its own rows of A
            int tiles = (m + MR - 1) / MR, tasks = Math.min(threads, tiles);
            KernelPool.parallelFor(tasks, t -> GemmBlocked.multiply(transA, transB,
                    split(tiles, tasks, t) * MR, Math.min(m, split(tiles, tasks, t + 1) * MR), 0, n,
                    k, a, aOff, lda, b, bOff, ldb, beta, row, rowOff, c, cOff, ldc, sums));
            return true;
        } else if (!small && (long) k * n <= SHARED_PACK_MAX) {
            // Pack B once, all threads helping, then share it: no thread packs what another packed. Over several k
            // slices, one slice after the other (as the weight-gradient pair), so the threads read one slice's B.
            int depth = GemmBlocked.sliceDepth(k);
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc), aSlice = aOff + (transA ? pc * lda : pc);
                PackedMatrix packed = SHARED_PACK.get().pack(transB, kc, n, b, bOff + (transB ? pc : pc * ldb), ldb);
                boolean first = pc == 0;
                if (!parallelPacked(transA, m, n, a, aSlice, lda, packed, first ? beta : 1f, first ? row : null,
                        rowOff, c, cOff, ldc, sums) && sums != null) {
                    sums.addUnpacked(m, kc, a, aSlice, lda);     // this slice's, before the next slice's
                }
            }
            return true;
        } else {
            // B too large to hold packed, or a small C with fewer rows than columns: each thread packs the B blocks of
            // its own column range (and all of A).
            int tiles = (n + NR - 1) / NR, tasks = Math.min(threads, tiles);
            KernelPool.parallelFor(tasks, t -> GemmBlocked.multiply(transA, transB,
                    0, m, split(tiles, tasks, t) * NR, Math.min(n, split(tiles, tasks, t + 1) * NR),
                    k, a, aOff, lda, b, bOff, ldb, beta, row, rowOff, c, cOff, ldc, tasks == 1 ? sums : null));
            return tasks == 1;
        }
    }

    /**
     * Splits C over the pool by whole tiles along its longer side (in tile counts), in a few more runs
     * than threads: a thread slowed by another process then leaves its last runs to the others. Returns whether
     * op(A)'s row sums were added ({@code sums} may be null): not where every column run packs all of op(A).
     */
    private static boolean parallelPacked(boolean transA, int m, int n, float[] a, int aOff, int lda, PackedMatrix b,
                                          float beta, float[] row, int rowOff, float[] c, int cOff, int ldc,
                                          GemmRowSums sums) {
        int rowTiles = (m + MR - 1) / MR, columnTiles = (n + NR - 1) / NR;
        int runsPerThread = runsPerThread((long) m * n * b.rows());
        if (rowTiles >= columnTiles && (long) n * b.rows() > COLUMN_BLOCK_MAX
                && (long) GemmBlocked.roundUp(m, MR) * b.rows() <= SHARED_PACK_MAX) {
            columnBlocks(transA, m, n, a, aOff, lda, b, beta, row, rowOff, c, cOff, ldc, sums, runsPerThread);
            return true;
        } else if (rowTiles >= columnTiles) {
            int tasks = Math.min(KernelPool.availableThreads() * runsPerThread, rowTiles);
            KernelPool.parallelFor(tasks, t -> GemmBlocked.multiplyPacked(transA,
                    split(rowTiles, tasks, t) * MR, Math.min(m, split(rowTiles, tasks, t + 1) * MR), 0, n,
                    a, aOff, lda, b, beta, row, rowOff, c, cOff, ldc, sums));
            return true;
        } else if ((long) GemmBlocked.roundUp(m, MR) * b.rows() <= SHARED_PACK_MAX) {
            // Every column run needs all of op(A): pack it once, the threads each taking a share of its panels,
            // then share it (each run packing its own copy cost a quarter of a recurrent step's time on 2 cores).
            int mPadded = GemmBlocked.roundUp(m, MR);
            float[] pa = packShared(transA, m, b.rows(), a, aOff, lda, sums);
            int tasks = Math.min(KernelPool.availableThreads() * runsPerThread, columnTiles);
            KernelPool.parallelFor(tasks, t -> GemmBlocked.multiplyPrepacked(0, m,
                    split(columnTiles, tasks, t) * NR, Math.min(n, split(columnTiles, tasks, t + 1) * NR),
                    pa, mPadded, b, beta, row, rowOff, c, cOff, ldc));
            return true;
        } else {
            int tasks = Math.min(KernelPool.availableThreads() * runsPerThread, columnTiles);
            KernelPool.parallelFor(tasks, t -> GemmBlocked.multiplyPacked(transA,
                    0, m, split(columnTiles, tasks, t) * NR, Math.min(n, split(columnTiles, tasks, t + 1) * NR),
                    a, aOff, lda, b, beta, row, rowOff, c, cOff, ldc, tasks == 1 ? sums : null));
            return tasks == 1;
        }
    }

    /**
     * A row split over a packed B larger than COLUMN_BLOCK_MAX: op(A) packed once, the threads helping, then the
     * product in column blocks of B of at most COLUMN_BLOCK_MAX floats, each block's row runs before the next block's
     * (tasks are claimed in order), so the threads read the same few MiB of B instead of each streaming all of it.
     */
    private static void columnBlocks(boolean transA, int m, int n, float[] a, int aOff, int lda, PackedMatrix b,
                                     float beta, float[] row, int rowOff, float[] c, int cOff, int ldc,
                                     GemmRowSums sums, int runsPerThread) {
        int k = b.rows(), mPadded = GemmBlocked.roundUp(m, MR), rowTiles = mPadded / MR;
        float[] pa = packShared(transA, m, k, a, aOff, lda, sums);
        int width = (int) Math.max(NR, COLUMN_BLOCK_MAX / k / NR * NR);
        int blocks = (n + width - 1) / width;
        int runs = Math.min(KernelPool.availableThreads() * runsPerThread, rowTiles);
        KernelPool.parallelFor(blocks * runs, t -> {
            int block = t / runs, run = t % runs;
            GemmBlocked.multiplyPrepacked(split(rowTiles, runs, run) * MR,
                    Math.min(m, split(rowTiles, runs, run + 1) * MR), block * width, Math.min(n, (block + 1) * width),
                    pa, mPadded, b, beta, row, rowOff, c, cOff, ldc);
        });
    }

    /**
     * Packs all of op(A) ({@code m × k}) once into the calling thread's shared buffer, the threads each taking a share
     * of its panels, in the layout {@link GemmBlocked#multiplyPrepacked} reads; adds its row sums unless {@code sums}
     * is null.
     */
    private static float[] packShared(boolean transA, int m, int k, float[] a, int aOff, int lda, GemmRowSums sums) {
        int mPadded = GemmBlocked.roundUp(m, MR), rowTiles = mPadded / MR;
        float[][] holder = SHARED_ROWS.get();
        if (holder[0].length < (long) mPadded * k) holder[0] = new float[mPadded * k];
        float[] pa = holder[0];
        int tasks = Math.min(KernelPool.availableThreads(), rowTiles);
        KernelPool.parallelFor(tasks, t -> GemmBlocked.packRows(transA, a, aOff, lda, split(rowTiles, tasks, t) * MR,
                Math.min(m, split(rowTiles, tasks, t + 1) * MR), k, pa, mPadded, sums));
        return pa;
    }

    /**
     * Runs per thread for a product of {@code work} multiply-adds: a few more than threads for large ones, so a thread
     * slowed by another process leaves its last runs to the others; one for small ones.
     */
    private static int runsPerThread(long work) {
        return work < 16 * PARALLEL_MIN_WORK ? 1 : 4;
    }

    private static void rowVector(boolean transA, boolean transB, int n, int k,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float beta, float[] c, int cOff) {
        float[] x = a;
        int xOff = aOff;
        if (transA && lda != 1) {
            // op(A) is a column of A: gather it once so the kernel reads x contiguously.
            float[][] holder = ROW_COPY.get();
            if (holder[0].length < k) holder[0] = new float[k];
            x = holder[0];
            xOff = 0;
            for (int p = 0; p < k; p++) x[p] = a[aOff + p * lda];
        }
        int step = GemmRowVector.columnStep(transB);
        int groups = (n + step - 1) / step;
        int tasks = (long) n * k < PARALLEL_MIN_ROW_VECTOR_WORK ? 1 : Math.min(KernelPool.availableThreads(), groups);
        if (tasks == 1) {
            GemmRowVector.multiply(transB, 0, n, k, x, xOff, b, bOff, ldb, beta, c, cOff);
            return;
        }
        float[] xs = x;
        int xo = xOff;
        KernelPool.parallelFor(tasks, t -> GemmRowVector.multiply(transB,
                split(groups, tasks, t) * step, Math.min(n, split(groups, tasks, t + 1) * step),
                k, xs, xo, b, bOff, ldb, beta, c, cOff));
    }

    /** Start of part {@code t} when {@code units} are dealt into {@code parts} near-equal runs. */
    private static int split(int units, int parts, int t) {
        return (int) ((long) units * t / parts);
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
