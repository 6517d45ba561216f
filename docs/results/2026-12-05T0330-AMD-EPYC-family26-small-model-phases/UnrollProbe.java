package dev.rnn4j.kernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
public class UnrollProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), NR = 2 * L;
    static void u1(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        FloatVector x;
        int p = 0;
        for (; p + 1 <= kc; p += 1) {
            int ap = ai + p * 8, bp = bi + p * NR;
            FloatVector b0a = FloatVector.fromArray(S, b, bp + 0*NR);
            FloatVector b0b = FloatVector.fromArray(S, b, bp + 0*NR + L);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 0]); c00 = x.fma(b0a, c00); c01 = x.fma(b0b, c01);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 1]); c10 = x.fma(b0a, c10); c11 = x.fma(b0b, c11);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 2]); c20 = x.fma(b0a, c20); c21 = x.fma(b0b, c21);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 3]); c30 = x.fma(b0a, c30); c31 = x.fma(b0b, c31);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 4]); c40 = x.fma(b0a, c40); c41 = x.fma(b0b, c41);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 5]); c50 = x.fma(b0a, c50); c51 = x.fma(b0b, c51);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 6]); c60 = x.fma(b0a, c60); c61 = x.fma(b0b, c61);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 7]); c70 = x.fma(b0a, c70); c71 = x.fma(b0b, c71);
        }
        for (; p < kc; p++) {
            int ap = ai + p * 8, bp = bi + p * NR;
            FloatVector y0 = FloatVector.fromArray(S, b, bp + 0*NR);
            FloatVector y1 = FloatVector.fromArray(S, b, bp + 0*NR + L);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 0]); c00 = x.fma(y0, c00); c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 1]); c10 = x.fma(y0, c10); c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 2]); c20 = x.fma(y0, c20); c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 3]); c30 = x.fma(y0, c30); c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 4]); c40 = x.fma(y0, c40); c41 = x.fma(y1, c41);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 5]); c50 = x.fma(y0, c50); c51 = x.fma(y1, c51);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 6]); c60 = x.fma(y0, c60); c61 = x.fma(y1, c61);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 7]); c70 = x.fma(y0, c70); c71 = x.fma(y1, c71);
        }
        c00.intoArray(c, ci + 0 * ldc); c01.intoArray(c, ci + 0 * ldc + L);
        c10.intoArray(c, ci + 1 * ldc); c11.intoArray(c, ci + 1 * ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L);
        c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
    }
    static void u2(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        FloatVector x;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            int ap = ai + p * 8, bp = bi + p * NR;
            FloatVector b0a = FloatVector.fromArray(S, b, bp + 0*NR);
            FloatVector b0b = FloatVector.fromArray(S, b, bp + 0*NR + L);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 0]); c00 = x.fma(b0a, c00); c01 = x.fma(b0b, c01);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 1]); c10 = x.fma(b0a, c10); c11 = x.fma(b0b, c11);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 2]); c20 = x.fma(b0a, c20); c21 = x.fma(b0b, c21);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 3]); c30 = x.fma(b0a, c30); c31 = x.fma(b0b, c31);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 4]); c40 = x.fma(b0a, c40); c41 = x.fma(b0b, c41);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 5]); c50 = x.fma(b0a, c50); c51 = x.fma(b0b, c51);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 6]); c60 = x.fma(b0a, c60); c61 = x.fma(b0b, c61);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 7]); c70 = x.fma(b0a, c70); c71 = x.fma(b0b, c71);
            FloatVector b1a = FloatVector.fromArray(S, b, bp + 1*NR);
            FloatVector b1b = FloatVector.fromArray(S, b, bp + 1*NR + L);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 0]); c00 = x.fma(b1a, c00); c01 = x.fma(b1b, c01);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 1]); c10 = x.fma(b1a, c10); c11 = x.fma(b1b, c11);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 2]); c20 = x.fma(b1a, c20); c21 = x.fma(b1b, c21);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 3]); c30 = x.fma(b1a, c30); c31 = x.fma(b1b, c31);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 4]); c40 = x.fma(b1a, c40); c41 = x.fma(b1b, c41);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 5]); c50 = x.fma(b1a, c50); c51 = x.fma(b1b, c51);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 6]); c60 = x.fma(b1a, c60); c61 = x.fma(b1b, c61);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 7]); c70 = x.fma(b1a, c70); c71 = x.fma(b1b, c71);
        }
        for (; p < kc; p++) {
            int ap = ai + p * 8, bp = bi + p * NR;
            FloatVector y0 = FloatVector.fromArray(S, b, bp + 0*NR);
            FloatVector y1 = FloatVector.fromArray(S, b, bp + 0*NR + L);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 0]); c00 = x.fma(y0, c00); c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 1]); c10 = x.fma(y0, c10); c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 2]); c20 = x.fma(y0, c20); c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 3]); c30 = x.fma(y0, c30); c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 4]); c40 = x.fma(y0, c40); c41 = x.fma(y1, c41);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 5]); c50 = x.fma(y0, c50); c51 = x.fma(y1, c51);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 6]); c60 = x.fma(y0, c60); c61 = x.fma(y1, c61);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 7]); c70 = x.fma(y0, c70); c71 = x.fma(y1, c71);
        }
        c00.intoArray(c, ci + 0 * ldc); c01.intoArray(c, ci + 0 * ldc + L);
        c10.intoArray(c, ci + 1 * ldc); c11.intoArray(c, ci + 1 * ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L);
        c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
    }
    static void u4(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        FloatVector x;
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            int ap = ai + p * 8, bp = bi + p * NR;
            FloatVector b0a = FloatVector.fromArray(S, b, bp + 0*NR);
            FloatVector b0b = FloatVector.fromArray(S, b, bp + 0*NR + L);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 0]); c00 = x.fma(b0a, c00); c01 = x.fma(b0b, c01);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 1]); c10 = x.fma(b0a, c10); c11 = x.fma(b0b, c11);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 2]); c20 = x.fma(b0a, c20); c21 = x.fma(b0b, c21);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 3]); c30 = x.fma(b0a, c30); c31 = x.fma(b0b, c31);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 4]); c40 = x.fma(b0a, c40); c41 = x.fma(b0b, c41);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 5]); c50 = x.fma(b0a, c50); c51 = x.fma(b0b, c51);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 6]); c60 = x.fma(b0a, c60); c61 = x.fma(b0b, c61);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 7]); c70 = x.fma(b0a, c70); c71 = x.fma(b0b, c71);
            FloatVector b1a = FloatVector.fromArray(S, b, bp + 1*NR);
            FloatVector b1b = FloatVector.fromArray(S, b, bp + 1*NR + L);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 0]); c00 = x.fma(b1a, c00); c01 = x.fma(b1b, c01);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 1]); c10 = x.fma(b1a, c10); c11 = x.fma(b1b, c11);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 2]); c20 = x.fma(b1a, c20); c21 = x.fma(b1b, c21);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 3]); c30 = x.fma(b1a, c30); c31 = x.fma(b1b, c31);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 4]); c40 = x.fma(b1a, c40); c41 = x.fma(b1b, c41);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 5]); c50 = x.fma(b1a, c50); c51 = x.fma(b1b, c51);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 6]); c60 = x.fma(b1a, c60); c61 = x.fma(b1b, c61);
            x = FloatVector.broadcast(S, a[ap + 1*8 + 7]); c70 = x.fma(b1a, c70); c71 = x.fma(b1b, c71);
            FloatVector b2a = FloatVector.fromArray(S, b, bp + 2*NR);
            FloatVector b2b = FloatVector.fromArray(S, b, bp + 2*NR + L);
            x = FloatVector.broadcast(S, a[ap + 2*8 + 0]); c00 = x.fma(b2a, c00); c01 = x.fma(b2b, c01);
            x = FloatVector.broadcast(S, a[ap + 2*8 + 1]); c10 = x.fma(b2a, c10); c11 = x.fma(b2b, c11);
            x = FloatVector.broadcast(S, a[ap + 2*8 + 2]); c20 = x.fma(b2a, c20); c21 = x.fma(b2b, c21);
            x = FloatVector.broadcast(S, a[ap + 2*8 + 3]); c30 = x.fma(b2a, c30); c31 = x.fma(b2b, c31);
            x = FloatVector.broadcast(S, a[ap + 2*8 + 4]); c40 = x.fma(b2a, c40); c41 = x.fma(b2b, c41);
            x = FloatVector.broadcast(S, a[ap + 2*8 + 5]); c50 = x.fma(b2a, c50); c51 = x.fma(b2b, c51);
            x = FloatVector.broadcast(S, a[ap + 2*8 + 6]); c60 = x.fma(b2a, c60); c61 = x.fma(b2b, c61);
            x = FloatVector.broadcast(S, a[ap + 2*8 + 7]); c70 = x.fma(b2a, c70); c71 = x.fma(b2b, c71);
            FloatVector b3a = FloatVector.fromArray(S, b, bp + 3*NR);
            FloatVector b3b = FloatVector.fromArray(S, b, bp + 3*NR + L);
            x = FloatVector.broadcast(S, a[ap + 3*8 + 0]); c00 = x.fma(b3a, c00); c01 = x.fma(b3b, c01);
            x = FloatVector.broadcast(S, a[ap + 3*8 + 1]); c10 = x.fma(b3a, c10); c11 = x.fma(b3b, c11);
            x = FloatVector.broadcast(S, a[ap + 3*8 + 2]); c20 = x.fma(b3a, c20); c21 = x.fma(b3b, c21);
            x = FloatVector.broadcast(S, a[ap + 3*8 + 3]); c30 = x.fma(b3a, c30); c31 = x.fma(b3b, c31);
            x = FloatVector.broadcast(S, a[ap + 3*8 + 4]); c40 = x.fma(b3a, c40); c41 = x.fma(b3b, c41);
            x = FloatVector.broadcast(S, a[ap + 3*8 + 5]); c50 = x.fma(b3a, c50); c51 = x.fma(b3b, c51);
            x = FloatVector.broadcast(S, a[ap + 3*8 + 6]); c60 = x.fma(b3a, c60); c61 = x.fma(b3b, c61);
            x = FloatVector.broadcast(S, a[ap + 3*8 + 7]); c70 = x.fma(b3a, c70); c71 = x.fma(b3b, c71);
        }
        for (; p < kc; p++) {
            int ap = ai + p * 8, bp = bi + p * NR;
            FloatVector y0 = FloatVector.fromArray(S, b, bp + 0*NR);
            FloatVector y1 = FloatVector.fromArray(S, b, bp + 0*NR + L);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 0]); c00 = x.fma(y0, c00); c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 1]); c10 = x.fma(y0, c10); c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 2]); c20 = x.fma(y0, c20); c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 3]); c30 = x.fma(y0, c30); c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 4]); c40 = x.fma(y0, c40); c41 = x.fma(y1, c41);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 5]); c50 = x.fma(y0, c50); c51 = x.fma(y1, c51);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 6]); c60 = x.fma(y0, c60); c61 = x.fma(y1, c61);
            x = FloatVector.broadcast(S, a[ap + 0*8 + 7]); c70 = x.fma(y0, c70); c71 = x.fma(y1, c71);
        }
        c00.intoArray(c, ci + 0 * ldc); c01.intoArray(c, ci + 0 * ldc + L);
        c10.intoArray(c, ci + 1 * ldc); c11.intoArray(c, ci + 1 * ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L);
        c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
    }

    public static void main(String[] args) {
        int kc = Integer.parseInt(args[0]);
        float[] a = new float[8 * kc + 64], b = new float[NR * kc + 64], c = new float[8 * NR];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        float[] scratch = new float[8 * NR];
        System.out.printf("fma peak 1 thread %.1f%n", FmaPeak.gflops(20_000_000) );
        for (int round = 0; round < 8; round++) {
            int reps = 20000 * 256 / kc;
            double[] t = new double[4];
            long s = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmMicroKernel.multiply(kc, a, 0, b, 12, c, 0, NR, 0f, scratch);
            t[0] = System.nanoTime() - s; s = System.nanoTime();
            for (int i = 0; i < reps; i++) u1(kc, a, 0, b, 12, c, 0, NR);
            t[1] = System.nanoTime() - s; s = System.nanoTime();
            for (int i = 0; i < reps; i++) u2(kc, a, 0, b, 12, c, 0, NR);
            t[2] = System.nanoTime() - s; s = System.nanoTime();
            for (int i = 0; i < reps; i++) u4(kc, a, 0, b, 12, c, 0, NR);
            t[3] = System.nanoTime() - s;
            double f = 2.0 * 8 * NR * kc * reps;
            System.out.printf("kc %d: built %.1f  u1 %.1f  u2 %.1f  u4 %.1f GFLOP/s%n", kc, f / t[0], f / t[1], f / t[2], f / t[3]);
        }
        System.exit(0);
    }
}
