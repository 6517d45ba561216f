package dev.rnn4j.nn;

import dev.rnn4j.kernel.KernelPool;

/**
 * The per-step bookkeeping the three layer kinds share: time order, padding masks, row copies, and the
 * split of a batch over the kernel threads. Row ranges {@code [b0, b1)} are batch rows.
 */
final class Steps {
    /**
     * Rows per share of a split batch: the GEMM's register tile is 4 rows tall with 8-float vectors (AVX2)
     * and 8 with 16-float ones (AVX-512, {@code GemmMicroKernel.MR}); shares of whole 4-row tiles suit both
     * (splitting at multiples of 8 on AVX-512 was tried and reverted).
     */
    private static final int ROW_UNIT = 4;
    /** Below this many multiply-adds per sequence one thread is quicker than a hand-off. */
    private static final long PARALLEL_MIN_WORK = 1L << 21;

    private Steps() {}

    /** The body of {@link #splitSteps}: the {@code i}-th step of the time loop for batch rows {@code [b0, b1)}. */
    @FunctionalInterface
    interface StepRows {
        void run(int i, int b0, int b1);
    }

    /**
     * Runs steps {@code 0..T-1} of the time loop over the batch, the rows split into contiguous shares, one per
     * kernel thread, each running every step for its rows with no barrier per step ({@link RowShares}: a thread done
     * early takes over half of another's rows at a step boundary). Batch rows never interact inside a layer; the
     * recurrent GEMM then must give a row the same bits whatever rows share its call, which the packed GEMM does
     * ({@code packed} false keeps the batch on the calling thread).
     */
    static void splitSteps(boolean packed, int B, int T, long workPerRow, StepRows body) {
        int units = (B + ROW_UNIT - 1) / ROW_UNIT;
        int tasks = !packed || workPerRow * B < PARALLEL_MIN_WORK ? 1 : Math.min(KernelPool.availableThreads(), units);
        if (tasks == 1) {
            for (int i = 0; i < T; i++) body.run(i, 0, B);
            return;
        }
        new RowShares(T, B, ROW_UNIT, body).run(tasks);
    }

    /**
     * How many rows from b0 a step's recurrent product needs: those of {@code [b0, b1)} up to the last with a real step
     * t. The rest are padding, whose products nothing reads (their gates are not run, their state is not advanced);
     * with the batch longest first, as packed batches are, a step multiplies only its real rows, as PyTorch's packed
     * sequences do. A row's product has the same bits however many rows share the call (the packed GEMM, batch > 1;
     * one row is one row).
     */
    static int liveRows(int t, int b0, int b1, int[] lengths) {
        int end = b1;
        while (end > b0 && !LayerTrace.valid(lengths, t, end - 1)) end--;
        return end - b0;
    }

    /**
     * How many rows of {@code [b0, b0 + live)} have a real step t ({@code live} from {@link #liveRows}): all of them
     * unless padding sits between them (lengths not longest first).
     */
    static int realRows(int t, int b0, int live, int[] lengths) {
        if (lengths == null) return live;
        int n = 0;
        for (int b = b0; b < b0 + live; b++) if (LayerTrace.valid(lengths, t, b)) n++;
        return n;
    }

    /**
     * Copies the real rows of {@code [b0, b0 + live)} at step t (row b of src, width w, at {@code srcOff + (b−b0)·w}),
     * in order, to rows 0, 1, … of dst from dstOff; src and dst may be one buffer (the rows only move down).
     */
    static void gatherReal(int t, int b0, int live, int[] lengths, int w, float[] src, int srcOff, float[] dst,
                           int dstOff) {
        for (int b = b0, i = 0; b < b0 + live; b++) {
            if (LayerTrace.valid(lengths, t, b)) System.arraycopy(src, srcOff + (b - b0) * w, dst, dstOff + i++ * w, w);
        }
    }

    /**
     * The inverse of {@link #gatherReal} in one buffer: rows 0 … n−1 from off move to the places of the real rows,
     * the last first; the rows of padded steps keep what they held.
     */
    static void spreadReal(int t, int b0, int live, int[] lengths, int n, int w, float[] buf, int off) {
        for (int b = b0 + live - 1, i = n - 1; i >= 0; b--) {
            if (!LayerTrace.valid(lengths, t, b)) continue;
            if (b - b0 != i) System.arraycopy(buf, off + i * w, buf, off + (b - b0) * w, w);
            i--;
        }
    }

    /** The time index of the s-th step processed: s forward, T−1−s in reverse. */
    static int time(int s, int T, boolean reverse) { return reverse ? T - 1 - s : s; }

    /**
     * Copies row b of {@code h [B, n]} to the output row {@code (t·B + b)·ldy + yOff} for each real step, b in [b0,
     * b1).
     */
    static void writeOutput(int t, int B, int b0, int b1, int n, int[] lengths, float[] h, float[] y,
            int yOff, int ldy) {
        for (int b = b0; b < b1; b++) {
            if (LayerTrace.valid(lengths, t, b)) System.arraycopy(h, b * n, y, (t * B + b) * ldy + yOff, n);
        }
    }

    /**
     * Copies row b of {@code src [·, n]} (row b at {@code srcOff + b·n}) to {@code dst [B, n]} for each real
     * step, b in [b0, b1): the state advances.
     */
    static void advance(int t, int b0, int b1, int n, int[] lengths, float[] src, int srcOff, float[] dst) {
        if (lengths == null) {
            System.arraycopy(src, srcOff + b0 * n, dst, b0 * n, (b1 - b0) * n);
            return;
        }
        for (int b = b0; b < b1; b++) {
            if (t < lengths[b]) System.arraycopy(src, srcOff + b * n, dst, b * n, n);
        }
    }

    /**
     * The total gradient w.r.t. h_t, row by row: {@code out[b] = carry[b] + dy[t, b]} for real steps, 0 for
     * padding (padded outputs are constant zeros, so nothing flows from them); b in [b0, b1).
     */
    static void upstream(int t, int B, int b0, int b1, int n, int[] lengths, float[] carry, float[] dy,
                         int dyOff, int ldy, float[] out, int outOff) {
        for (int b = b0; b < b1; b++) {
            int o = outOff + b * n;
            if (!LayerTrace.valid(lengths, t, b)) {
                java.util.Arrays.fill(out, o, o + n, 0f);
                continue;
            }
            int c = b * n;
            if (dy == null) {
                System.arraycopy(carry, c, out, o, n);
            } else {
                int d = (t * B + b) * ldy + dyOff;
                for (int j = 0; j < n; j++) out[o + j] = carry[c + j] + dy[d + j];
            }
        }
    }

    /** {@code dst = src} (length n), or zeros when src is null. */
    static void init(float[] dst, float[] src, int n) {
        if (src != null) System.arraycopy(src, 0, dst, 0, n);
        else java.util.Arrays.fill(dst, 0, n, 0f);
    }
}
