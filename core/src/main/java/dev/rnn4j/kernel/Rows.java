package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Row-wise helpers on row-major {@code [rows, n]} matrices: broadcasting bias rows, gathering rows by index
 * and summing columns (the bias gradient {@code db = Σ_rows dA}). Large ones spread their rows or columns over
 * {@link KernelPool}; every element is computed as on one thread, so the bits never depend on the thread count.
 *
 * <pre>{@code
 * Rows.broadcast(rows, n, bias, 0, null, 0, out, 0);   // every row of out = bias
 * Rows.addColumnSums(rows, n, dA, 0, db, 0);           // db += Σ_r dA[r, :]
 * }</pre>
 */
public final class Rows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Below this many elements a column sum runs on the calling thread. */
    private static final long PARALLEL_MIN_ELEMENTS = 1L << 16;
    /** Floats per parallel chunk of row-by-row work: below this it runs on the calling thread. */
    private static final int PARALLEL_MIN_ROW_FLOATS = 1 << 16;
    /** Rows of a column sum's chunk: 32 rows of the default model's G = 1,024 are 128 KiB, within L2. */
    private static final int SUM_CHUNK_ROWS = 32;

    private Rows() {}

    /** Floats per vector register on this machine (8 with AVX2, 16 with AVX-512). */
    public static int lanes() { return S.length(); }

    /** Sets every row of {@code out[rows, n]} to {@code a[aOff..aOff+n)} (+ {@code b[bOff..)} unless b is null). */
    public static void broadcast(int rows, int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        System.arraycopy(a, aOff, out, outOff, n);
        if (b != null) {
            int j = 0;
            for (int bound = S.loopBound(n); j < bound; j += S.length()) {
                FloatVector.fromArray(S, out, outOff + j).add(FloatVector.fromArray(S, b, bOff + j))
                        .intoArray(out, outOff + j);
            }
            for (; j < n; j++) out[outOff + j] += b[bOff + j];
        }
        // a copy per row, so the rows may go to any thread
        forRowRanges(rows - 1, n, (from, to) -> {
            for (int r = from + 1; r <= to; r++) System.arraycopy(out, outOff, out, outOff + r * n, n);
        });
    }

    /**
     * Runs {@code body} over {@code [0, rows)} in contiguous ranges spread over {@link KernelPool}, each of at least
     * {@value #PARALLEL_MIN_ROW_FLOATS} floats of rows {@code width} wide (fewer rows run in one call on this thread).
     * For row-by-row work whose rows are independent, so the result never depends on the thread count.
     */
    public static void forRowRanges(int rows, int width, KernelPool.RangeBody body) {
        KernelPool.parallelRange(rows, Math.max(1, PARALLEL_MIN_ROW_FLOATS / Math.max(1, width)), body);
    }

    /**
     * Copies row {@code index[r]} of {@code src [·, n]} (from srcOff) to row r of {@code dst [rows, n]} (from
     * dstOff), rows spread over the threads.
     */
    public static void gather(int rows, int n, float[] src, int srcOff, int[] index, float[] dst, int dstOff) {
        forRowRanges(rows, n, (from, to) -> {
            for (int r = from; r < to; r++) System.arraycopy(src, srcOff + index[r] * n, dst, dstOff + r * n, n);
        });
    }

    /** {@code sum[sumOff + j] += Σ_r a[aOff + r·n + j]} for j in [0, n). */
    public static void addColumnSums(int rows, int n, float[] a, int aOff, float[] sum, int sumOff) {
        addColumnSums(rows, n, a, aOff, sum, sumOff, null, 0);
    }

    /**
     * As {@link #addColumnSums(int, int, float[], int, float[], int)} into {@code sum} and, unless null, the same
     * sums into {@code sum2} too (LSTM's two bias gradients), reading a once. Columns are split over the threads;
     * each column adds its rows in order, so the bits do not depend on the thread count.
     */
    public static void addColumnSums(int rows, int n, float[] a, int aOff, float[] sum, int sumOff,
                                     float[] sum2, int sum2Off) {
        int vectors = n / S.length();
        if ((long) rows * n < PARALLEL_MIN_ELEMENTS || vectors < 2) {
            addColumnSums(rows, n, 0, n, a, aOff, sum, sumOff, sum2, sum2Off);
            return;
        }
        int parts = Math.min(KernelPool.availableThreads(), vectors);
        KernelPool.parallelFor(parts, t -> {
            int from = vectors * t / parts * S.length();
            int to = t == parts - 1 ? n : vectors * (t + 1) / parts * S.length();
            addColumnSums(rows, n, from, to, a, aOff, sum, sumOff, sum2, sum2Off);
        });
    }

    /**
     * Columns [from, to) of the sums, four vectors of columns at a time held in registers down a chunk of rows: the
     * same additions in the same order as adding row after row into the sums, without storing and reloading
     * the sums for every row (on Zen 5 that store-and-reload made the small model's bias sums 9% of its step).
     * The rows go in chunks of {@value #SUM_CHUNK_ROWS}, every column of a chunk before the next chunk: walking one
     * column block down all the rows reads 256 bytes of each row, a 4 KiB page apart for the default model (G =
     * 1,024), where no prefetcher follows; by chunks every page is read front to back. Measured on an Intel Xeon,
     * 3,200 × 1,024 floats out of L2, two sums: 3.0–3.3 ms down whole columns, 0.9–1.0 ms by chunks (two threads).
     */
    private static void addColumnSums(int rows, int n, int from, int to, float[] a, int aOff, float[] sum, int sumOff,
                                      float[] sum2, int sum2Off) {
        int l = S.length();
        for (int r0 = 0; r0 < rows; r0 += SUM_CHUNK_ROWS) {
            int r1 = Math.min(rows, r0 + SUM_CHUNK_ROWS), j = from;
            for (; j + 4 * l <= to; j += 4 * l) {
                columnSums4(r0, r1, n, a, aOff + j, sum, sumOff + j);
                if (sum2 != null) columnSums4(r0, r1, n, a, aOff + j, sum2, sum2Off + j);
            }
            for (; j + l <= to; j += l) {
                columnSums1(r0, r1, n, a, aOff + j, sum, sumOff + j);
                if (sum2 != null) columnSums1(r0, r1, n, a, aOff + j, sum2, sum2Off + j);
            }
            for (; j < to; j++) {
                columnSum(r0, r1, n, a, aOff + j, sum, sumOff + j);
                if (sum2 != null) columnSum(r0, r1, n, a, aOff + j, sum2, sum2Off + j);
            }
        }
    }

    /** {@code sum[s ..+4 vectors) += Σ_r a[col + r·n ..+4 vectors)} over rows [r0, r1), in order. */
    private static void columnSums4(int r0, int r1, int n, float[] a, int col, float[] sum, int s) {
        int l = S.length();
        FloatVector s0 = FloatVector.fromArray(S, sum, s), s1 = FloatVector.fromArray(S, sum, s + l);
        FloatVector s2 = FloatVector.fromArray(S, sum, s + 2 * l), s3 = FloatVector.fromArray(S, sum, s + 3 * l);
        for (int r = r0, i = col + r0 * n; r < r1; r++, i += n) {
            s0 = s0.add(FloatVector.fromArray(S, a, i));
            s1 = s1.add(FloatVector.fromArray(S, a, i + l));
            s2 = s2.add(FloatVector.fromArray(S, a, i + 2 * l));
            s3 = s3.add(FloatVector.fromArray(S, a, i + 3 * l));
        }
        s0.intoArray(sum, s);
        s1.intoArray(sum, s + l);
        s2.intoArray(sum, s + 2 * l);
        s3.intoArray(sum, s + 3 * l);
    }

    /** One column: {@code sum[s] += Σ_r a[col + r·n]} over rows [r0, r1), in order. */
    private static void columnSum(int r0, int r1, int n, float[] a, int col, float[] sum, int s) {
        float acc = sum[s];
        for (int r = r0, i = col + r0 * n; r < r1; r++, i += n) acc += a[i];
        sum[s] = acc;
    }

    /** One vector of columns: {@code sum[s ..+1 vector) += Σ_r a[col + r·n ..)} over rows [r0, r1), in order. */
    private static void columnSums1(int r0, int r1, int n, float[] a, int col, float[] sum, int s) {
        FloatVector acc = FloatVector.fromArray(S, sum, s);
        for (int r = r0, i = col + r0 * n; r < r1; r++, i += n) acc = acc.add(FloatVector.fromArray(S, a, i));
        acc.intoArray(sum, s);
    }

    /** {@code a[aOff + i] += b[bOff + i]} for i in [0, n). */
    public static void add(int n, float[] b, int bOff, float[] a, int aOff) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector.fromArray(S, a, aOff + j).add(FloatVector.fromArray(S, b, bOff + j)).intoArray(a, aOff + j);
        }
        for (; j < n; j++) a[aOff + j] += b[bOff + j];
    }

    /**
     * {@code out[outOff + i] = a[aOff + i] + b[bOff + i]} for i in [0, n): the bits of copying a to out and then
     * {@link #add}ing b.
     */
    public static void sum(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector.fromArray(S, a, aOff + j).add(FloatVector.fromArray(S, b, bOff + j)).intoArray(out, outOff + j);
        }
        for (; j < n; j++) out[outOff + j] = a[aOff + j] + b[bOff + j];
    }

    /**
     * {@code a[aOff + i] *= m[mOff + i]} for i in [0, n): applies a dropout mask. Large ones (the default model's
     * output mask, 819,200 elements a step) spread over the threads: elementwise, so the same bits. Small ones run
     * here without a parallel body: a locked mask is applied a row at a time, thousands of calls a step.
     */
    public static void multiply(int n, float[] a, int aOff, float[] m, int mOff) {
        if (n < 2 * PARALLEL_MIN_ROW_FLOATS) {
            multiply(0, n, a, aOff, m, mOff);
            return;
        }
        KernelPool.parallelRange(n, PARALLEL_MIN_ROW_FLOATS, (from, to) -> multiply(from, to, a, aOff, m, mOff));
    }

    private static void multiply(int from, int to, float[] a, int aOff, float[] m, int mOff) {
        int j = from;
        for (int bound = from + S.loopBound(to - from); j < bound; j += S.length()) {
            FloatVector.fromArray(S, a, aOff + j).mul(FloatVector.fromArray(S, m, mOff + j)).intoArray(a, aOff + j);
        }
        for (; j < to; j++) a[aOff + j] *= m[mOff + j];
    }

    /**
     * Adds row r of {@code src [rows, n]} to row {@code index[r]} of {@code dst} (from dstOff), r in order: an
     * embedding-style gradient, where rows of one index add up. Large ones split the destination rows into one
     * contiguous range per thread, each holding about as many source rows, and every thread adds the source rows of
     * its range in order: each element's sum keeps its order and its bits.
     *
     * <p>Why not split the columns, each thread taking every row: the two halves of a row meet inside a cache line
     * (an array's elements start 16 bytes into one), which both threads then wrote for every source row. On Zen 5,
     * 2,500 rows of 512 (the small benchmark model's first layer), two threads took 300 µs that way against one
     * thread's 134, and 130 by destination ranges; 3,200 rows of 2,048, 927 against 720 µs.
     */
    public static void addRowsByIndex(int rows, int n, float[] src, int[] index, float[] dst, int dstOff) {
        int threads = KernelPool.availableThreads();
        if ((long) rows * n < PARALLEL_MIN_ELEMENTS || threads == 1) {
            addRowsInRange(0, Integer.MAX_VALUE, rows, n, src, index, dst, dstOff);
            return;
        }
        int[] bounds = destinationRanges(rows, index, threads);
        KernelPool.parallelFor(threads, t -> addRowsInRange(bounds[t], bounds[t + 1], rows, n, src, index, dst,
                dstOff));
    }

    /** The source rows whose destination is in {@code [lo, hi)}, in order. */
    private static void addRowsInRange(int lo, int hi, int rows, int n, float[] src, int[] index, float[] dst,
                                       int dstOff) {
        for (int r = 0; r < rows; r++) {
            int i = index[r];
            if (i >= lo && i < hi) add(n, src, r * n, dst, dstOff + i * n);
        }
    }

    /** Per-thread work array of {@link #destinationRanges}: the source rows of each destination row. */
    private static final ThreadLocal<int[][]> RANGE_COUNTS = ThreadLocal.withInitial(() -> new int[1][0]);

    /**
     * {@code parts + 1} destination rows: range t is {@code [bounds[t], bounds[t + 1])}, the ranges covering every
     * destination with about {@code rows / parts} source rows each (a row with more than that is a range of its own).
     */
    private static int[] destinationRanges(int rows, int[] index, int parts) {
        int destinations = 0;
        for (int r = 0; r < rows; r++) destinations = Math.max(destinations, index[r] + 1);
        int[][] holder = RANGE_COUNTS.get();
        if (holder[0].length < destinations) holder[0] = new int[destinations];
        int[] counts = holder[0];
        Arrays.fill(counts, 0, destinations, 0);
        for (int r = 0; r < rows; r++) counts[index[r]]++;
        int[] bounds = new int[parts + 1];
        for (int t = 1, d = 0, seen = 0; t < parts; t++) {
            long target = (long) rows * t / parts;
            while (d < destinations && seen + counts[d] <= target) seen += counts[d++];
            bounds[t] = d;
        }
        bounds[parts] = destinations;
        return bounds;
    }
}
