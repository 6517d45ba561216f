package dev.rnn4j.kernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
/** Speed only, one thread, panels in L1: the built tile against 6x2 and 3x4 written out (AVX2: 8 lanes). */
public class Avx2TileProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static void t6x2(int kc, float[] a, float[] b, float[] c) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = p * 6, bp = p * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(y0, c00); c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(y0, c10); c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(y0, c20); c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(y0, c30); c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(y0, c40); c41 = x.fma(y1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(y0, c50); c51 = x.fma(y1, c51);
        }
        int n = 2 * L;
        c00.intoArray(c, 0); c01.intoArray(c, L); c10.intoArray(c, n); c11.intoArray(c, n + L);
        c20.intoArray(c, 2 * n); c21.intoArray(c, 2 * n + L); c30.intoArray(c, 3 * n); c31.intoArray(c, 3 * n + L);
        c40.intoArray(c, 4 * n); c41.intoArray(c, 4 * n + L); c50.intoArray(c, 5 * n); c51.intoArray(c, 5 * n + L);
    }
    static void t3x4(int kc, float[] a, float[] b, float[] c) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00;
        FloatVector c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = p * 3, bp = p * 4 * L;
            FloatVector x0 = FloatVector.broadcast(S, a[ap]), x1 = FloatVector.broadcast(S, a[ap + 1]);
            FloatVector x2 = FloatVector.broadcast(S, a[ap + 2]);
            FloatVector y = FloatVector.fromArray(S, b, bp);
            c00 = x0.fma(y, c00); c10 = x1.fma(y, c10); c20 = x2.fma(y, c20);
            y = FloatVector.fromArray(S, b, bp + L);
            c01 = x0.fma(y, c01); c11 = x1.fma(y, c11); c21 = x2.fma(y, c21);
            y = FloatVector.fromArray(S, b, bp + 2 * L);
            c02 = x0.fma(y, c02); c12 = x1.fma(y, c12); c22 = x2.fma(y, c22);
            y = FloatVector.fromArray(S, b, bp + 3 * L);
            c03 = x0.fma(y, c03); c13 = x1.fma(y, c13); c23 = x2.fma(y, c23);
        }
        int n = 4 * L;
        c00.intoArray(c, 0); c01.intoArray(c, L); c02.intoArray(c, 2 * L); c03.intoArray(c, 3 * L);
        c10.intoArray(c, n); c11.intoArray(c, n + L); c12.intoArray(c, n + 2 * L); c13.intoArray(c, n + 3 * L);
        c20.intoArray(c, 2 * n); c21.intoArray(c, 2 * n + L); c22.intoArray(c, 2 * n + 2 * L); c23.intoArray(c, 2 * n + 3 * L);
    }
    static void t4x2u1(int kc, float[] a, float[] b, float[] c) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int p = 0;
        for (; p + 1 <= kc; p += 1) {
            { int ap = (p + 0) * 4, bp = (p + 0) * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x0 = FloatVector.broadcast(S, a[ap + 0]); c00 = x0.fma(y0, c00); c01 = x0.fma(y1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[ap + 1]); c10 = x1.fma(y0, c10); c11 = x1.fma(y1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[ap + 2]); c20 = x2.fma(y0, c20); c21 = x2.fma(y1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[ap + 3]); c30 = x3.fma(y0, c30); c31 = x3.fma(y1, c31);
            }
        }
        int n = 2 * L;
        c00.intoArray(c, 0); c01.intoArray(c, L); c10.intoArray(c, n); c11.intoArray(c, n + L);
        c20.intoArray(c, 2 * n); c21.intoArray(c, 2 * n + L); c30.intoArray(c, 3 * n); c31.intoArray(c, 3 * n + L);
    }
    static void t4x2u2(int kc, float[] a, float[] b, float[] c) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            { int ap = (p + 0) * 4, bp = (p + 0) * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x0 = FloatVector.broadcast(S, a[ap + 0]); c00 = x0.fma(y0, c00); c01 = x0.fma(y1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[ap + 1]); c10 = x1.fma(y0, c10); c11 = x1.fma(y1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[ap + 2]); c20 = x2.fma(y0, c20); c21 = x2.fma(y1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[ap + 3]); c30 = x3.fma(y0, c30); c31 = x3.fma(y1, c31);
            }
            { int ap = (p + 1) * 4, bp = (p + 1) * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x0 = FloatVector.broadcast(S, a[ap + 0]); c00 = x0.fma(y0, c00); c01 = x0.fma(y1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[ap + 1]); c10 = x1.fma(y0, c10); c11 = x1.fma(y1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[ap + 2]); c20 = x2.fma(y0, c20); c21 = x2.fma(y1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[ap + 3]); c30 = x3.fma(y0, c30); c31 = x3.fma(y1, c31);
            }
        }
        int n = 2 * L;
        c00.intoArray(c, 0); c01.intoArray(c, L); c10.intoArray(c, n); c11.intoArray(c, n + L);
        c20.intoArray(c, 2 * n); c21.intoArray(c, 2 * n + L); c30.intoArray(c, 3 * n); c31.intoArray(c, 3 * n + L);
    }
    static void t4x2u4(int kc, float[] a, float[] b, float[] c) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            { int ap = (p + 0) * 4, bp = (p + 0) * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x0 = FloatVector.broadcast(S, a[ap + 0]); c00 = x0.fma(y0, c00); c01 = x0.fma(y1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[ap + 1]); c10 = x1.fma(y0, c10); c11 = x1.fma(y1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[ap + 2]); c20 = x2.fma(y0, c20); c21 = x2.fma(y1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[ap + 3]); c30 = x3.fma(y0, c30); c31 = x3.fma(y1, c31);
            }
            { int ap = (p + 1) * 4, bp = (p + 1) * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x0 = FloatVector.broadcast(S, a[ap + 0]); c00 = x0.fma(y0, c00); c01 = x0.fma(y1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[ap + 1]); c10 = x1.fma(y0, c10); c11 = x1.fma(y1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[ap + 2]); c20 = x2.fma(y0, c20); c21 = x2.fma(y1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[ap + 3]); c30 = x3.fma(y0, c30); c31 = x3.fma(y1, c31);
            }
            { int ap = (p + 2) * 4, bp = (p + 2) * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x0 = FloatVector.broadcast(S, a[ap + 0]); c00 = x0.fma(y0, c00); c01 = x0.fma(y1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[ap + 1]); c10 = x1.fma(y0, c10); c11 = x1.fma(y1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[ap + 2]); c20 = x2.fma(y0, c20); c21 = x2.fma(y1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[ap + 3]); c30 = x3.fma(y0, c30); c31 = x3.fma(y1, c31);
            }
            { int ap = (p + 3) * 4, bp = (p + 3) * 2 * L;
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x0 = FloatVector.broadcast(S, a[ap + 0]); c00 = x0.fma(y0, c00); c01 = x0.fma(y1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[ap + 1]); c10 = x1.fma(y0, c10); c11 = x1.fma(y1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[ap + 2]); c20 = x2.fma(y0, c20); c21 = x2.fma(y1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[ap + 3]); c30 = x3.fma(y0, c30); c31 = x3.fma(y1, c31);
            }
        }
        int n = 2 * L;
        c00.intoArray(c, 0); c01.intoArray(c, L); c10.intoArray(c, n); c11.intoArray(c, n + L);
        c20.intoArray(c, 2 * n); c21.intoArray(c, 2 * n + L); c30.intoArray(c, 3 * n); c31.intoArray(c, 3 * n + L);
    }
    public static void main(String[] args) {
        int kc = 256;
        float[] a = new float[kc * 8], b = new float[kc * 4 * L + 64], c = new float[8 * 4 * L], scratch = new float[64 * 64];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        int reps = 400_000;
        for (int round = 0; round < 8; round++) {
            long s = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmMicroKernel.multiply(kc, a, 0, b, 0, c, 0, GemmMicroKernel.NR, 0f, scratch);
            double built = 2.0 * GemmMicroKernel.MR * GemmMicroKernel.NR * kc * reps / (System.nanoTime() - s);
            s = System.nanoTime();
            for (int i = 0; i < reps; i++) t6x2(kc, a, b, c);
            double six = 2.0 * 6 * 2 * L * kc * reps / (System.nanoTime() - s);
            s = System.nanoTime();
            for (int i = 0; i < reps; i++) t3x4(kc, a, b, c);
            double three = 2.0 * 3 * 4 * L * kc * reps / (System.nanoTime() - s);
            double[] u = new double[3]; int[] us = {1, 2, 4};
            for (int q = 0; q < 3; q++) { s = System.nanoTime();
                for (int i = 0; i < reps; i++) { if (q == 0) t4x2u1(kc, a, b, c); else if (q == 1) t4x2u2(kc, a, b, c); else t4x2u4(kc, a, b, c); }
                u[q] = 2.0 * 4 * 2 * L * kc * reps / (System.nanoTime() - s); }
            System.out.printf("4x2 u1 %.1f u2 %.1f u4 %.1f  ", u[0], u[1], u[2]);
            System.out.printf("lanes %d MR %d: built %.1f  6x2 %.1f  3x4 %.1f  GFLOP/s%n", L, GemmMicroKernel.MR, built, six, three);
        }
        System.out.printf("fma peak 1 thread: %.1f%n", FmaPeak.gflops(20_000_000));
        System.exit(0);
    }
}
