package dev.rnn4j.kernel;

import static dev.rnn4j.kernel.GemmMicroKernel.MR;
import static dev.rnn4j.kernel.GemmMicroKernel.NR;

/**
 * How {@link Gemm} splits a product over {@link KernelPool}: by whole tiles of C, along whichever side has more of
 * them, with B packed once and shared where it fits, op(A) packed once and shared where every column run needs all of
 * it, and each thread packing its own operands where C is small. A thread never changes a C element's order of
 * summation (that depends on k alone), so the split changes the speed and never the bits.
 *
 * <pre>{@code
 * // rows and columns of C = beta·C + op(A)·op(B) over the pool, as Gemm.sgemm calls it
 * GemmThreads.blocked(false, true, m, n, k, a, 0, k, w, 0, k, 0f, null, 0, c, 0, n, null);
 * }</pre>
 */
final class GemmThreads {
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

    private GemmThreads() {}

    /** One k slice ({@code k ≤ KC}) of {@link Gemm#sgemmPairWithColumnSums}, its arguments checked there. */
    static void pairSlice(int m, int k, int same, float[] a, int aOff, int lda,
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
     * The blocked product, and op(A)'s row sums where each element of op(A) is packed once ({@code sums} may be null).
     * Returns whether the sums were added; where A is packed by every thread, they are not, and the caller adds them.
     * Unless {@code row} is null, C starts from it (see {@link GemmBlocked#multiply}).
     */
    static boolean blocked(boolean transA, boolean transB, int m, int n, int k,
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
    static boolean parallelPacked(boolean transA, int m, int n, float[] a, int aOff, int lda, PackedMatrix b,
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

    static void rowVector(boolean transA, boolean transB, int n, int k,
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
}
