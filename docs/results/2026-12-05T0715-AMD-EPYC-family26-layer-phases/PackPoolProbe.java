package dev.rnn4j.kernel;

import java.util.Random;

/** op(A) 2,048 x k packed as Gemm.packShared does: one thread, or two pool threads each packing half the panels. */
public class PackPoolProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    public static void main(String[] args) {
        int m = 2048;
        float[] junk = new float[16 << 20];
        for (int k : new int[] {2048, 3200, 2048, 3200}) {
            float[] a = rnd(m * k, 1), dst = new float[m * k];
            int rounds = 14;
            for (boolean trans : new boolean[] {false, true}) {
                double[] one = new double[rounds], two = new double[rounds];
                int lda = trans ? m : k;
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < junk.length; i += 16) junk[i] += 1f;
                    long t0 = System.nanoTime();
                    GemmBlocked.packRows(trans, a, 0, lda, 0, m, k, dst, m, null);
                    one[round] = (System.nanoTime() - t0) / 1e6;
                    for (int i = 0; i < junk.length; i += 16) junk[i] += 1f;
                    t0 = System.nanoTime();
                    KernelPool.parallelFor(2, t -> GemmBlocked.packRows(trans, a, 0, lda, t * m / 2, (t + 1) * m / 2, k, dst, m, null));
                    two[round] = (System.nanoTime() - t0) / 1e6;
                }
                java.util.Arrays.sort(one, 2, rounds); java.util.Arrays.sort(two, 2, rounds);
                System.out.printf("k %d trans=%b: one thread %.2f ms, two pool threads %.2f ms (medians)%n", k, trans, one[8], two[8]);
            }
        }
    }
}
