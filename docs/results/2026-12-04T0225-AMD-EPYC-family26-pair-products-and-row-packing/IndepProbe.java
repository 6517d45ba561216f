package dev.rnn4j.kernel;

import java.util.*;

public class IndepProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        int n = 2048;
        Random r = new Random(1);
        float[][] a = {rnd(r, n * n), rnd(r, n * n)}, b = {rnd(r, n * n), rnd(r, n * n)}, c = {new float[n * n], new float[n * n]};
        double flop = 2.0 * n * n * n;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) GemmBlocked.multiply(false, false, 0, n, 0, n, n, a[0], 0, n, b[0], 0, n, 0f, c[0], 0, n, null);
            long solo = (System.nanoTime() - t0) / 3;
            long[] each = new long[2];
            t0 = System.nanoTime();
            KernelPool.parallelFor(2, t -> { long s = System.nanoTime(); for (int i = 0; i < 3; i++) GemmBlocked.multiply(false, false, 0, n, 0, n, n, a[t], 0, n, b[t], 0, n, 0f, c[t], 0, n, null); each[t] = (System.nanoTime() - s) / 3; });
            long both = (System.nanoTime() - t0) / 3;
            t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) Gemm.sgemm(false, false, n, n, n, a[0], 0, n, b[0], 0, n, 0f, c[0], 0, n);
            long shared = (System.nanoTime() - t0) / 3;
            if (round > 1) System.out.printf("solo %.0f | two independent: %.0f + %.0f = %.0f GF/s | sgemm 2 threads %.0f%n", flop / solo, flop / each[0], flop / each[1], 2 * flop / both, flop / shared);
        }
    }
}
