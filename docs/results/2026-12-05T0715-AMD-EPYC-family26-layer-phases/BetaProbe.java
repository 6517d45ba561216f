package dev.rnn4j.kernel;

import java.util.Random;

public class BetaProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    public static void main(String[] args) {
        int m = 2048, n = 1024;
        float[] a = rnd(m * 3200, 1), b = rnd(3200 * n, 2);
        float[] c = new float[m * n];
        float[] junk = new float[8 << 20];   // 32 MB to push C out of the caches
        String[] names = {"k1600 beta0", "k1600 beta1 cold C", "k1600 beta1 warm C", "k3200 beta1 cold", "k2048 beta0", "k2048 beta1 cold"};
        int rounds = 14;
        double[][] res = new double[names.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < names.length; v++) {
                int k = v <= 2 ? 1600 : v == 3 ? 3200 : 2048;
                float beta = v == 0 || v == 4 ? 0f : 1f;
                if (v != 2) for (int i = 0; i < junk.length; i += 16) junk[i] += 1f;
                long t0 = System.nanoTime();
                Gemm.sgemm(false, false, m, n, k, a, 0, 3200, b, 0, n, beta, c, 0, n);
                res[v][round] = 2.0 * m * n * k / (System.nanoTime() - t0);
            }
        }
        for (int v = 0; v < names.length; v++) {
            double[] r = java.util.Arrays.copyOfRange(res[v], 2, rounds);
            java.util.Arrays.sort(r);
            System.out.printf("%-22s median %.1f  max %.1f GFLOP/s%n", names[v], r[r.length / 2], r[r.length - 1]);
        }
    }
}
