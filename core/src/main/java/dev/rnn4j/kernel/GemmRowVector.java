package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;

import static dev.rnn4j.kernel.GemmMicroKernel.L;
import static dev.rnn4j.kernel.GemmMicroKernel.S;

/**
 * The {@code m == 1} case of {@link Gemm}: {@code y[1×n] = beta·y + x[1×k]·op(B)}, e.g. one sampling
 * step {@code y = x·Wᵀ}. Nothing is packed: op(B) is streamed exactly once, which is all a
 * matrix-vector product can do (it is bound by memory bandwidth, not by FMAs).
 *
 * <pre>{@code
 * // logits[n] = h[k] · W[n×k]ᵀ
 * GemmRowVector.multiply(true, 0, n, k, h, 0, w, 0, k, 0f, logits, 0);
 * }</pre>
 *
 * Every y[j] is computed the same way whichever range of j a thread gets, so results do not depend on
 * the thread count. {@code x} must be contiguous (the caller copies a strided x first).
 */
final class GemmRowVector {
    /** Columns per group: four dot products share each load of x (transB) or four vectors of y (plain B). */
    static final int GROUP = 4;

    private GemmRowVector() {}

    /** Computes y[j] for j in {@code [j0, j1)}; {@code j0} must be a multiple of {@link #columnStep}. */
    static void multiply(boolean transB, int j0, int j1, int k, float[] x, int xOff,
                         float[] b, int bOff, int ldb, float beta, float[] y, int yOff) {
        if (transB) dotRows(j0, j1, k, x, xOff, b, bOff, ldb, beta, y, yOff);
        else axpyRows(j0, j1, k, x, xOff, b, bOff, ldb, beta, y, yOff);
    }

    /** Granularity of the column ranges, so that splitting never moves a column between code paths. */
    static int columnStep(boolean transB) {
        return transB ? GROUP : GROUP * L;
    }

    /** y[j] = x · B[j, :]: four rows of B at a time, vectorised along k. */
    private static void dotRows(int j0, int j1, int k, float[] x, int xOff, float[] b, int bOff, int ldb,
                                float beta, float[] y, int yOff) {
        int kv = k - k % L;
        int j = j0;
        for (; j + GROUP <= j1; j += GROUP) {
            int r0 = bOff + j * ldb, r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb;
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < kv; p += L) {
                FloatVector xv = FloatVector.fromArray(S, x, xOff + p);
                s0 = xv.fma(FloatVector.fromArray(S, b, r0 + p), s0);
                s1 = xv.fma(FloatVector.fromArray(S, b, r1 + p), s1);
                s2 = xv.fma(FloatVector.fromArray(S, b, r2 + p), s2);
                s3 = xv.fma(FloatVector.fromArray(S, b, r3 + p), s3);
            }
            store(y, yOff + j, beta, sum(s0) + tail(kv, k, x, xOff, b, r0));
            store(y, yOff + j + 1, beta, sum(s1) + tail(kv, k, x, xOff, b, r1));
            store(y, yOff + j + 2, beta, sum(s2) + tail(kv, k, x, xOff, b, r2));
            store(y, yOff + j + 3, beta, sum(s3) + tail(kv, k, x, xOff, b, r3));
        }
        for (; j < j1; j++) {
            int r0 = bOff + j * ldb;
            FloatVector s0 = FloatVector.zero(S);
            for (int p = 0; p < kv; p += L) {
                s0 = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, b, r0 + p), s0);
            }
            store(y, yOff + j, beta, sum(s0) + tail(kv, k, x, xOff, b, r0));
        }
    }

    /**
     * Adds the lanes left to right. {@code reduceLanes(ADD)} may pick a different order in the
     * interpreter and in compiled code, which would make results depend on JIT timing.
     */
    private static float sum(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < L; i++) s += v.lane(i);
        return s;
    }

    private static float tail(int from, int k, float[] x, int xOff, float[] b, int row) {
        float s = 0f;
        for (int p = from; p < k; p++) s = Math.fma(x[xOff + p], b[row + p], s);
        return s;
    }

    /** y[j..] = Σ_p x[p] · B[p, j..]: GROUP vectors of y live in registers while B streams row by row. */
    private static void axpyRows(int j0, int j1, int k, float[] x, int xOff, float[] b, int bOff, int ldb,
                                 float beta, float[] y, int yOff) {
        int width = GROUP * L;
        int j = j0;
        for (; j + width <= j1; j += width) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0, row = bOff + j; p < k; p++, row += ldb) {
                FloatVector xv = FloatVector.broadcast(S, x[xOff + p]);
                s0 = xv.fma(FloatVector.fromArray(S, b, row), s0);
                s1 = xv.fma(FloatVector.fromArray(S, b, row + L), s1);
                s2 = xv.fma(FloatVector.fromArray(S, b, row + 2 * L), s2);
                s3 = xv.fma(FloatVector.fromArray(S, b, row + 3 * L), s3);
            }
            int yi = yOff + j;
            if (beta != 0f) {
                s0 = s0.add(FloatVector.fromArray(S, y, yi).mul(beta));
                s1 = s1.add(FloatVector.fromArray(S, y, yi + L).mul(beta));
                s2 = s2.add(FloatVector.fromArray(S, y, yi + 2 * L).mul(beta));
                s3 = s3.add(FloatVector.fromArray(S, y, yi + 3 * L).mul(beta));
            }
            s0.intoArray(y, yi);
            s1.intoArray(y, yi + L);
            s2.intoArray(y, yi + 2 * L);
            s3.intoArray(y, yi + 3 * L);
        }
        for (; j < j1; j++) {
            float s = 0f;
            for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) s = Math.fma(x[xOff + p], b[bi], s);
            store(y, yOff + j, beta, s);
        }
    }

    private static void store(float[] y, int i, float beta, float s) {
        y[i] = beta == 0f ? s : s + y[i] * beta;
    }
}
