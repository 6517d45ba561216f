package dev.rnn4j.kernel;

import java.util.Random;

public class PackProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    public static void main(String[] args) {
        int m = 2048, k = 3200;
        float[] a = rnd(m * k, 1);          // plain: m x k, lda k ; transposed: k x m, lda m
        float[] dst = new float[m * k];
        float[] junk = new float[8 << 20];
        int rounds = 12;
        for (boolean trans : new boolean[] {false, true, false, true}) {
            double[] one = new double[rounds], two = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < junk.length; i += 16) junk[i] += 1f;
                long t0 = System.nanoTime();
                GemmBlocked.packRows(trans, a, 0, trans ? m : k, 0, m, k, dst, m, null);
                one[round] = (System.nanoTime() - t0) / 1e6;
                for (int i = 0; i < junk.length; i += 16) junk[i] += 1f;
                t0 = System.nanoTime();
                Thread t = new Thread(() -> GemmBlocked.packRows(trans, a, 0, trans ? m : k, m / 2, m, k, dst, m, null));
                t.start();
                GemmBlocked.packRows(trans, a, 0, trans ? m : k, 0, m / 2, k, dst, m, null);
                try { t.join(); } catch (InterruptedException e) { throw new RuntimeException(e); }
                two[round] = (System.nanoTime() - t0) / 1e6;
            }
            java.util.Arrays.sort(one, 2, rounds); java.util.Arrays.sort(two, 2, rounds);
            System.out.printf("trans=%b pack 2048x3200: one thread %.2f ms (%.1f GB/s read), two threads %.2f ms%n", trans, one[7], 4.0 * m * k / one[7] / 1e6, two[7]);
        }
    }
}
