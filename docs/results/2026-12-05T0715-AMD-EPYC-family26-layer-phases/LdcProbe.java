package dev.rnn4j.kernel;

import java.util.Random;

/** The forward step's product (32 x 512 x 2,048 per thread, both threads) with C's row stride 2,048 or padded. */
public class LdcProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    static double run(int m, int k, int n, int ldc, int reps) {
        float[] a = rnd(m * k, 1), w = rnd(k * n, 2), c = new float[m * ldc];
        PackedMatrix p = new PackedMatrix().pack(false, k, n, w, 0, n);
        double best = 0;
        for (int round = 0; round < 9; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmBlocked.multiplyPacked(false, 0, m, 0, n, a, 0, k, p, 0f, null, 0, c, 0, ldc, null);
            best = Math.max(best, 2.0 * m * n * k * reps / (System.nanoTime() - t0));
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        int[][] cases = {{512, 2048, 2048}, {512, 2048, 2064}, {512, 2048, 2080}, {512, 2048, 2048}, {512, 2048, 2064}, {2048, 512, 512}, {2048, 512, 528}};
        for (int[] cs : cases) {
            int k = cs[0], n = cs[1], ldc = cs[2];
            double[] res = new double[2];
            Thread[] ts = new Thread[2];
            for (int t = 0; t < 2; t++) { int tt = t; ts[t] = new Thread(() -> res[tt] = run(32, k, n, ldc, 200)); ts[t].start(); }
            for (Thread t : ts) t.join();
            System.out.printf("32 x k %d x n %d, ldc %d: %.1f %.1f GFLOP/s per thread%n", k, n, ldc, res[0], res[1]);
        }
    }
}
