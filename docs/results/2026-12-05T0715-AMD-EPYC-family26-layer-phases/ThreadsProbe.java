package dev.rnn4j.kernel;

import java.util.Random;

public class ThreadsProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    public static void main(String[] args) {
        int[][] shapes = {{2048, 1024, 3200}, {2048, 2048, 2048}, {3200, 512, 2048}, {3200, 2048, 512}};
        int rounds = 10;
        for (int threads : new int[] {2, 1, 2, 1}) {
            KernelPool.setThreads(threads);
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = rnd(m * k, 1), b = rnd(k * n, 2), c = new float[m * n];
                double[] r = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, 0f, c, 0, n);
                    r[i] = 2.0 * m * n * k / (System.nanoTime() - t0);
                }
                java.util.Arrays.sort(r, 2, rounds);
                System.out.printf("threads %d  %d x %d x %d: median %.1f GFLOP/s (per thread %.1f)%n", threads, m, n, k, r[6], r[6] / threads);
            }
        }
    }
}
