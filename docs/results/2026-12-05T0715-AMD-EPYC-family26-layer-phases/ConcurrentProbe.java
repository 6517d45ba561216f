package dev.rnn4j.kernel;

import java.util.Random;

/** The layer's backward products after the time loop: the weight-gradient pair then dx, each on both threads, against
 *  the two run side by side (thread A: dx and the pair's first gate rows; thread B: the pair's other rows). */
public class ConcurrentProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    public static void main(String[] args) throws Exception {
        int G = 2048, P = 512, I = 512, rows = 3200;
        int split = Integer.parseInt(args[0]);     // gate rows of the pair on thread A beside dx
        float[] dA = rnd(rows * G, 1), h = rnd(rows * P, 2), x = rnd(rows * I, 3), wih = rnd(G * I, 4);
        float[] dWhh = new float[G * P], dWih = new float[G * I], dx = new float[rows * I];
        double flops = 2.0 * G * (P + I) * rows + 2.0 * rows * I * G;
        int rounds = 16;
        double[] seq = new double[rounds], conc = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            Gemm.sgemmPairWithColumnSums(G, rows, G, dA, 0, G, null, 0, 0, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, null, 0, null, 0);
            Gemm.sgemm(false, false, rows, I, G, dA, 0, G, wih, 0, I, 0f, dx, 0, I);
            seq[round] = flops / (System.nanoTime() - t0);
            t0 = System.nanoTime();
            KernelPool.parallelFor(2, t -> {
                if (KernelPool.availableThreads() != 1) throw new IllegalStateException("nested");
                if (t == 1) Gemm.sgemmPairWithColumnSums(G - split, rows, G - split, dA, split, G, null, 0, 0,
                        h, 0, P, dWhh, split * P, x, 0, I, dWih, split * I, null, 0, null, 0);
                else {
                    Gemm.sgemm(false, false, rows, I, G, dA, 0, G, wih, 0, I, 0f, dx, 0, I);
                    if (split > 0) Gemm.sgemmPairWithColumnSums(split, rows, split, dA, 0, G, null, 0, 0, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, null, 0, null, 0);
                }
            });
            conc[round] = flops / (System.nanoTime() - t0);
        }
        java.util.Arrays.sort(seq, 3, rounds); java.util.Arrays.sort(conc, 3, rounds);
        System.out.printf("split %d: pair then dx on both threads %.1f GFLOP/s, side by side %.1f GFLOP/s (medians)%n", split, seq[9], conc[9]);
    }
}
