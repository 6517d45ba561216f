package dev.rnn4j.kernel;

import java.util.Random;

public class PolluteProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    static volatile float sink;

    /** one thread: m=32 rows of the forward step, with per-step traffic mode; returns product GFLOP/s (product time only) */
    static double run(int mode, int reps) {
        int m = 32, k = 512, n = 2048;
        float[] a = rnd(m * k, 1), w = rnd(k * n, 2), c = new float[m * n];
        float[] big = new float[50 * m * n];  // the layer's a: 50 steps x 32 rows x 2048 (13 MB per thread)
        PackedMatrix p = new PackedMatrix().pack(false, k, n, w, 0, n);
        double best = 0;
        for (int round = 0; round < 7; round++) {
            long prod = 0;
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                GemmBlocked.multiplyPacked(false, 0, m, 0, n, a, 0, k, p, 0f, null, 0, c, 0, n, null);
                prod += System.nanoTime() - t0;
                int off = (i % 50) * m * n;
                if (mode >= 1) {           // a_t rows: read from far memory, add product, write
                    if (mode == 1) for (int j = 0; j < m * n; j++) big[off + j] += 1f;
                    else for (int j = 0; j < m * n; j++) big[off + j] += c[j];
                }
                if (mode >= 3) for (int j = 0; j < m * n; j++) big[off + j] *= 0.5f;   // gates' second pass
            }
            best = Math.max(best, 2.0 * m * n * k * reps / prod);
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        for (int mode : new int[] {0, 0, 1, 2, 3, 0, 1, 2, 3}) {
            double[] res = new double[threads];
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) { int tt = t; ts[t] = new Thread(() -> res[tt] = run(mode, 200)); ts[t].start(); }
            for (Thread t : ts) t.join();
            StringBuilder sb = new StringBuilder();
            for (double r : res) sb.append(String.format(" %.1f", r));
            System.out.printf("mode %d  product GFLOP/s per thread:%s%n", mode, sb);
        }
    }
}
