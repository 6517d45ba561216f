package dev.rnn4j.kernel;

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
 * {@code ldb} and {@code ldc}. {@code beta} is usually 0 (overwrite) or 1 (accumulate).
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        // Placeholder scalar implementation; the blocked Vector API kernel replaces it.
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = (beta == 0f ? 0f : beta * c[ci]) + s;
            }
        }
    }
}
