package dev.rnn4j.kernel;

import java.util.*;

public class BlockProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        Random r = new Random(1);
        int n = 2048;
        float[] a = rnd(r, n * n), b = rnd(r, n * n), c = new float[n * n];
        // dW shape: C[2048x512] += dA^T (3200x2048)^T · X (3200x512)
        int G = 2048, P = 512, rows = 3200;
        float[] dA = rnd(r, rows * G), x = rnd(r, rows * P), dW = new float[G * P];
        // dx shape: C[3200x512] = dA · W (2048x512)
        float[] w = rnd(r, G * P), dx = new float[rows * P];
        int[][] configs = {{512, 18, 2048}, {512, 18, 1024}, {512, 18, 512}, {256, 18, 512}, {512, 9, 512}};
        for (int round = 0; round < 8; round++) {
            StringBuilder sb = new StringBuilder();
            for (int[] cfg : configs) {
                GemmBlocked.KC = cfg[0];
                GemmBlocked.MC = cfg[1] * GemmMicroKernel.MR;
                GemmBlocked.NC = cfg[2];
                long[] t = new long[3];
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    Gemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
                    long t1 = System.nanoTime();
                    Gemm.sgemm(true, false, G, P, rows, dA, 0, G, x, 0, P, 1f, dW, 0, P);
                    long t2 = System.nanoTime();
                    Gemm.sgemm(false, false, rows, P, G, dA, 0, G, w, 0, P, 0f, dx, 0, P);
                    long t3 = System.nanoTime();
                    t[0] += t1 - t0; t[1] += t2 - t1; t[2] += t3 - t2;
                }
                sb.append(String.format("NC%d KC%d MC%d: sgemm %.0f dW %.0f dx %.0f | ", cfg[2], cfg[0], cfg[1] * GemmMicroKernel.MR,
                    3 * 2.0 * n * n * n / t[0], 3 * 2.0 * G * P * rows / t[1], 3 * 2.0 * G * P * rows / t[2]));
            }
            if (round > 1) System.out.println(sb);
        }
    }
}
