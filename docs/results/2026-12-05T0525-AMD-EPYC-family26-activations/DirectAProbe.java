package dev.rnn4j.kernel;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
/** One thread: the 8-row tile reading A's rows in place (no packing) against packing A then the built tile. */
public class DirectAProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), NR = 2 * L;
    static void direct8(int kc, float[] a, int ai, int lda, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int a0 = ai, a1 = ai + lda, a2 = ai + 2 * lda, a3 = ai + 3 * lda, a4 = ai + 4 * lda, a5 = ai + 5 * lda,
                a6 = ai + 6 * lda, a7 = ai + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L); c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L); c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L); c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L); c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
    }
    public static void main(String[] args) {
        KernelPool.setThreads(1);
        int[][] shapes = {{32, 1024, 256}, {32, 256, 1024}, {24, 512, 128}};
        Random r = new Random(1);
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder();
            for (int[] s : shapes) {
                int m = s[0], k = s[1], n = s[2];
                float[] a = new float[m * k], b = new float[k * n], c = new float[m * n], c2 = new float[m * n];
                for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
                for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
                PackedMatrix p = new PackedMatrix().pack(false, k, n, b, 0, n);
                int reps = (int) Math.max(50, 2e9 / (2.0 * m * n * k));
                for (int i = 0; i < reps; i++) Gemm.sgemm(false, m, a, 0, k, p, 0f, c, 0, n);
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) Gemm.sgemm(false, m, a, 0, k, p, 0f, c, 0, n);
                double us = (System.nanoTime() - t0) / 1e3 / reps;
                float[] pb = p.data();
                Runnable direct = () -> {
                    for (int jr = 0; jr < n; jr += NR)
                        for (int ir = 0; ir < m; ir += 8)
                            direct8(k, a, ir * k, k, pb, p.panel(0, jr), c2, ir * n + jr, n);
                };
                for (int i = 0; i < reps; i++) direct.run();
                t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) direct.run();
                double us2 = (System.nanoTime() - t0) / 1e3 / reps;
                boolean same = java.util.Arrays.equals(c, c2);
                sb.append(String.format("%dx%dx%d packed %.1fus direct %.1fus same=%b  ", m, k, n, us, us2, same));
            }
            System.out.println(sb);
        }
        System.exit(0);
    }
}
