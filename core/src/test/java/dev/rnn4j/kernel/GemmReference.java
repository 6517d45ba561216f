package dev.rnn4j.kernel;

/**
 * The scalar twin of {@link Gemm}, used only by tests: the textbook triple loop, summed in double so
 * it is a more accurate yardstick than any float summation order.
 *
 * <pre>{@code
 * GemmReference.sgemm(false, true, m, n, k, a, 0, k, w, 0, k, 0f, expected, 0, n);
 * }</pre>
 */
final class GemmReference {
    private GemmReference() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = (float) ((beta == 0f ? 0.0 : (double) beta * c[ci]) + s);
            }
        }
    }
}
