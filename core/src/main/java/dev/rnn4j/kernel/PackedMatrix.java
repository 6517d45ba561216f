package dev.rnn4j.kernel;

import static dev.rnn4j.kernel.GemmMicroKernel.NR;

/**
 * The right-hand operand op(B) of {@link Gemm} packed once into the micro-kernel's panel layout, for
 * products that reuse the same B many times: the recurrent weights of a layer are packed once per
 * sequence, then every time step multiplies its batch rows with them ({@link Gemm#sgemm(boolean, int,
 * float[], int, int, PackedMatrix, float, float[], int, int)}) without copying W again.
 *
 * <pre>{@code
 * PackedMatrix w = new PackedMatrix();
 * w.pack(true, H, 4 * H, weightHh, 0, H);                     // op(B) = W_hhᵀ, k = H, n = 4H
 * for (int t = 0; t < T; t++)                                 // a_t += h_{t-1} · W_hhᵀ
 *     Gemm.sgemm(false, B, h, 0, H, w, 1f, a, t * B * 4 * H, 4 * H);
 * }</pre>
 *
 * Layout: k is cut into slices of {@link GemmBlocked#sliceDepth} rows; slice {@code s} (first row
 * {@code pc}) starts at {@code PANEL_START + pc·nPadded} ({@link GemmBlocked#PANEL_START}); inside it,
 * the NR-wide panel of column {@code jr} starts at {@code jr·kc} and holds element (p, j) at
 * {@code p·NR + j}. Columns past n are zero. The storage grows on demand and is reused by later
 * {@code pack} calls, so re-packing changed weights allocates nothing.
 */
public final class PackedMatrix {
    /** Below this many elements packing runs on the calling thread: a hand-off would cost more. */
    private static final int PARALLEL_MIN_ELEMENTS = 1 << 18;

    private float[] data = new float[0];
    private int k, n, nPadded, depth, second;

    /** An empty matrix; {@link #pack} fills it. */
    public PackedMatrix() {}

    /**
     * Packs op(B) ({@code k × n}; B stored row-major from {@code bOff} with row stride {@code ldb}, as
     * {@code n × k} when {@code transB}) and returns this matrix.
     */
    public PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (k < 1 || n < 1) {
            throw new IllegalArgumentException("packed matrix needs k >= 1 and n >= 1, got k=" + k + ", n=" + n);
        }
        Gemm.checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n, transB);
        return fill(transB, k, n, b, bOff, ldb, n, GemmBlocked.roundUp(n, NR), null, 0, 0);
    }

    /**
     * Packs {@code [B1 | B2]} side by side, both {@code k} rows, stored row-major with row strides n1 and n2: B1's
     * columns from 0, B2's from {@link #secondStart} (n1 rounded up to a whole panel, the gap zero), so a product
     * can send the two column ranges to two different C. {@link #columns} is the width through B2's last column.
     */
    PackedMatrix packSideBySide(int k, float[] b1, int b1Off, int n1, float[] b2, int b2Off, int n2) {
        if (k < 1 || n1 < 1 || n2 < 1) {
            throw new IllegalArgumentException("side-by-side packing needs k, n1, n2 >= 1, got k=" + k + ", n1=" + n1
                    + ", n2=" + n2);
        }
        Gemm.checkMatrix("B1", b1, b1Off, n1, k, n1, false);
        Gemm.checkMatrix("B2", b2, b2Off, n2, k, n2, false);
        int second = GemmBlocked.roundUp(n1, NR);
        return fill(false, k, second + n2, b1, b1Off, n1, n1, second, b2, b2Off, n2);
    }

    /**
     * Packs op(B) ({@code k × n1}) into columns {@code [0, second)} and, unless {@code b2} is null, B2 (not transposed,
     * row stride {@code ldb2}) into {@code [second, n)}; {@code second} is on the panel grid (n1 rounded up to it).
     */
    private PackedMatrix fill(boolean transB, int k, int n, float[] b, int bOff, int ldb, int n1, int second,
                              float[] b2, int b2Off, int ldb2) {
        this.k = k;
        this.n = n;
        this.nPadded = GemmBlocked.roundUp(n, NR);
        this.second = second;
        this.depth = GemmBlocked.sliceDepth(k);
        long size = (long) k * nPadded;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("packed matrix too large: k=" + k + ", n=" + n);
        }
        if (data.length < size + GemmBlocked.PANEL_START) data = new float[(int) size + GemmBlocked.PANEL_START];
        float[] dst = data;
        int threads = size < PARALLEL_MIN_ELEMENTS ? 1 : 4 * KernelPool.availableThreads();
        if (!transB) {
            // row by row: each row of B is read once, in order, and lands as one NR-wide step in each of its panels
            // (panel by panel, 512 rows a page or two apart: measured on Zen 5, n = k = 2048, two threads,
            // 0.89–1.21 against 0.77–0.82 ms)
            int tasks = Math.min(k, threads);
            KernelPool.parallelFor(tasks, t -> {
                for (int p = (int) ((long) k * t / tasks), end = (int) ((long) k * (t + 1) / tasks); p < end; p++) {
                    int pc = p / depth * depth, kc = Math.min(depth, k - pc);
                    int at = GemmBlocked.PANEL_START + pc * nPadded + (p - pc) * NR;
                    GemmPacking.packRowOfB(b, bOff + p * ldb, n1, kc, dst, at);
                    if (b2 != null) GemmPacking.packRowOfB(b2, b2Off + p * ldb2, n - second, kc, dst, at + second * kc);
                }
            });
            return this;
        }
        int slices = (k + depth - 1) / depth, panels = this.second / NR;
        int tasks = Math.min(slices * panels, threads);
        KernelPool.parallelFor(tasks, t -> {
            // task t packs a contiguous run of (slice, panel) pairs, slice-major
            int from = (int) ((long) slices * panels * t / tasks),
                    to = (int) ((long) slices * panels * (t + 1) / tasks);
            for (int i = from; i < to; i++) {
                int pc = (i / panels) * depth, jr = (i % panels) * NR, kc = Math.min(depth, k - pc);
                GemmPacking.packB(true, b, bOff, ldb, pc, kc, jr, Math.min(NR, n1 - jr), dst,
                        GemmBlocked.PANEL_START + pc * nPadded + jr * kc);
            }
        });
        return this;
    }

    /** The first column of B2 after {@link #packSideBySide}; {@link #columns} rounded up to a panel otherwise. */
    int secondStart() { return second; }

    /** Rows of op(B), the shared dimension of the product. */
    public int rows() { return k; }

    /** Columns of op(B), the width of the product. */
    public int columns() { return n; }

    float[] data() { return data; }

    int depth() { return depth; }

    /** Where the panel of column {@code jr} in the slice starting at row {@code pc} begins. */
    int panel(int pc, int jr) {
        return GemmBlocked.PANEL_START + pc * nPadded + jr * Math.min(depth, k - pc);
    }
}
