package dev.rnn4j.kernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
/** Speed only, one thread, panels in L1: the built 4x2 tile against 5x2 (10 accumulators) with AVX2. */
public class Tile5Probe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static void t5x2(int kc, float[] a, float[] b, float[] c) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = p * 5, bp = p * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(y0, c00); c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(y0, c10); c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(y0, c20); c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(y0, c30); c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(y0, c40); c41 = x.fma(y1, c41);
        }
        int n = 2 * L;
        c00.intoArray(c, 0); c01.intoArray(c, L); c10.intoArray(c, n); c11.intoArray(c, n + L);
        c20.intoArray(c, 2 * n); c21.intoArray(c, 2 * n + L); c30.intoArray(c, 3 * n); c31.intoArray(c, 3 * n + L);
        c40.intoArray(c, 4 * n); c41.intoArray(c, 4 * n + L);
    }
    static void t5x2o(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * 5, bp = bi + p * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(y0, c00); c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(y0, c10); c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(y0, c20); c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(y0, c30); c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(y0, c40); c41 = x.fma(y1, c41);
        }
        int n = ldc;
        c00.intoArray(c, ci); c01.intoArray(c, ci + L); c10.intoArray(c, n); c11.intoArray(c, n + L);
        c20.intoArray(c, 2 * n); c21.intoArray(c, 2 * n + L); c30.intoArray(c, 3 * n); c31.intoArray(c, 3 * n + L);
        c40.intoArray(c, 4 * n); c41.intoArray(c, 4 * n + L);
    }
    static void t5x2i(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00;
        for (int ap = ai, bp = bi, end = ai + 5 * kc; ap < end; ap += 5, bp += 2 * L) {
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(y0, c00); c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(y0, c10); c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(y0, c20); c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(y0, c30); c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(y0, c40); c41 = x.fma(y1, c41);
        }
        int n = ldc;
        c00.intoArray(c, ci); c01.intoArray(c, ci + L); c10.intoArray(c, n); c11.intoArray(c, n + L);
        c20.intoArray(c, 2 * n); c21.intoArray(c, 2 * n + L); c30.intoArray(c, 3 * n); c31.intoArray(c, 3 * n + L);
        c40.intoArray(c, 4 * n); c41.intoArray(c, 4 * n + L);
    }
    static void t4x2i(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        for (int ap = ai, bp = bi, end = ai + 4 * kc; ap < end; ap += 4, bp += 2 * L) {
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(y0, c00); c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(y0, c10); c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(y0, c20); c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(y0, c30); c31 = x.fma(y1, c31);
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L); c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L); c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
    }
    static void t8x2i(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int ap = ai, bp = bi, end = ai + 8 * kc; ap < end; ap += 8, bp += 2 * L) {
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(y0, c00); c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(y0, c10); c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(y0, c20); c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(y0, c30); c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(y0, c40); c41 = x.fma(y1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(y0, c50); c51 = x.fma(y1, c51);
            x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(y0, c60); c61 = x.fma(y1, c61);
            x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(y0, c70); c71 = x.fma(y1, c71);
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L); c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L); c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L); c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L); c60.intoArray(c, ci + 6 * ldc);
        c61.intoArray(c, ci + 6 * ldc + L); c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
    }
    public static void main(String[] args) {
        int kc = Integer.getInteger("kc", 256), reps = 5_120_000 / kc;
        float[] a = new float[kc * 8], b = new float[kc * 2 * L + 64], c = new float[8 * 2 * L], scratch = new float[8 * 2 * L];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        for (int round = 0; round < 8; round++) {
            long s = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmMicroKernel.multiply(kc, a, 0, b, 0, c, 0, GemmMicroKernel.NR, 0f, scratch);
            double built = 2.0 * GemmMicroKernel.MR * 2 * L * kc * reps / (System.nanoTime() - s);
            s = System.nanoTime();
            if (L == 8) for (int i = 0; i < reps; i++) t4x2i(kc, a, 0, b, 0, c, 0, 2 * L);
            else for (int i = 0; i < reps; i++) t8x2i(kc, a, 0, b, 0, c, 0, 2 * L);
            double ind = 2.0 * (L == 8 ? 4 : 8) * 2 * L * kc * reps / (System.nanoTime() - s);
            s = System.nanoTime();
            for (int i = 0; i < reps; i++) t5x2i(kc, a, 0, b, 0, c, 0, 2 * L);
            double five = 2.0 * 5 * 2 * L * kc * reps / (System.nanoTime() - s);
            System.out.printf("lanes %d: built %dx2 %.1f   same rows, induction %.1f   5x2 induction %.1f   peak %.1f%n",
                    L, GemmMicroKernel.MR, built, ind, five, round == 7 ? FmaPeak.gflops(20_000_000) : 0.0);
        }
    }
}
