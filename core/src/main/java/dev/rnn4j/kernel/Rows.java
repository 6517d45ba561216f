package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise helpers on row-major {@code [rows, n]} matrices: broadcasting bias rows and summing columns
 * (the bias gradient {@code db = Σ_rows dA}).
 *
 * <pre>{@code
 * Rows.broadcast(rows, n, bias, 0, null, 0, out, 0);   // every row of out = bias
 * Rows.addColumnSums(rows, n, dA, 0, db, 0);           // db += Σ_r dA[r, :]
 * }</pre>
 */
public final class Rows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private Rows() {}

    /** Sets every row of {@code out[rows, n]} to {@code a[aOff..aOff+n)} (+ {@code b[bOff..)} unless b is null). */
    /** Floats per vector register on this machine (8 with AVX2, 16 with AVX-512). */
    public static int lanes() { return S.length(); }

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
        for (int r = 1; r < rows; r++) System.arraycopy(out, outOff, out, outOff + r * n, n);
    }

    /** {@code sum[sumOff + j] += Σ_r a[aOff + r·n + j]} for j in [0, n). */
    public static void addColumnSums(int rows, int n, float[] a, int aOff, float[] sum, int sumOff) {
        for (int r = 0; r < rows; r++) {
            int row = aOff + r * n;
            int j = 0;
            for (int bound = S.loopBound(n); j < bound; j += S.length()) {
                FloatVector.fromArray(S, sum, sumOff + j).add(FloatVector.fromArray(S, a, row + j))
                        .intoArray(sum, sumOff + j);
            }
            for (; j < n; j++) sum[sumOff + j] += a[row + j];
        }
    }

    /** {@code a[aOff + i] *= m[mOff + i]} for i in [0, n): applies a dropout mask. */
    public static void multiply(int n, float[] a, int aOff, float[] m, int mOff) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector.fromArray(S, a, aOff + j).mul(FloatVector.fromArray(S, m, mOff + j)).intoArray(a, aOff + j);
        }
        for (; j < n; j++) a[aOff + j] *= m[mOff + j];
    }
}
