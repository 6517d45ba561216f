package dev.rnn4j.kernel;

import java.util.Random;

public class StepProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    /** one thread: m rows times packed k x n, repeated; returns GFLOP/s */
    static double run(int m, int k, int n, int reps) {
        float[] a = rnd(m * k, 1), w = rnd(k * n, 2), c = new float[m * n];
        PackedMatrix p = new PackedMatrix().pack(false, k, n, w, 0, n);
        double best = 0;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmBlocked.multiplyPacked(false, 0, m, 0, n, a, 0, k, p, 0f, null, 0, c, 0, n, null);
            double g = 2.0 * m * n * k * reps / (System.nanoTime() - t0);
            best = Math.max(best, g);
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int[][] shapes = {{64, 512, 1024}, {64, 512, 1024}, {32, 512, 2048}, {32, 2048, 512}, {32, 512, 512}, {32, 512, 1024}, {64, 512, 2048}, {32, 1024, 1024}, {24, 128, 512}, {24, 512, 128}};
        for (int[] s : shapes) {
            int reps = (int) Math.max(5, 2e9 / (2.0 * s[0] * s[1] * s[2]) / 10);
            double[] res = new double[threads];
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) { int tt = t; ts[t] = new Thread(() -> res[tt] = run(s[0], s[1], s[2], reps)); ts[t].start(); }
            for (Thread t : ts) t.join();
            StringBuilder sb = new StringBuilder();
            for (double r : res) sb.append(String.format(" %.1f", r));
            System.out.printf("m=%d k=%d n=%d  GFLOP/s per thread:%s%n", s[0], s[1], s[2], sb);
        }
    }
}
