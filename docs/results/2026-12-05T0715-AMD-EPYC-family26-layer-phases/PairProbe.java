package dev.rnn4j.kernel;

import java.util.Random;

public class PairProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    public static void main(String[] args) {
        int G = 2048, P = 512, I = 512, rows = 3200;
        float[] dA = rnd(rows * G, 1), h = rnd(rows * P, 2), x = rnd(rows * I, 3);
        float[] dAt = new float[G * rows];
        for (int r = 0; r < rows; r++) for (int g = 0; g < G; g++) dAt[g * rows + r] = dA[r * G + g];
        float[] dWhh = new float[G * P], dWih = new float[G * I], dbh = new float[G], dbi = new float[G];
        float[] hx = new float[rows * (P + I)];
        for (int r = 0; r < rows; r++) { System.arraycopy(h, r * P, hx, r * (P + I), P); System.arraycopy(x, r * I, hx, r * (P + I) + P, I); }
        float[] c = new float[G * (P + I)];
        double flops = 2.0 * G * (P + I) * rows;
        String[] names = {"pair+sums", "pair nosums", "two sgemm transA", "sgemm transA n=1024", "sgemm plainA n=1024", "sgemm 2048^3"};
        float[] s1 = rnd(2048 * 2048, 5), s2 = rnd(2048 * 2048, 6), s3 = new float[2048 * 2048];
        double[][] res = new double[names.length][];
        int rounds = 12;
        for (int i = 0; i < names.length; i++) res[i] = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < names.length; v++) {
                long t0 = System.nanoTime();
                double f = flops;
                switch (v) {
                    case 0 -> Gemm.sgemmPairWithColumnSums(G, rows, G, dA, 0, G, null, 0, 0, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, dbh, 0, dbi, 0);
                    case 1 -> Gemm.sgemmPairWithColumnSums(G, rows, G, dA, 0, G, null, 0, 0, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, null, 0, null, 0);
                    case 2 -> { Gemm.sgemm(true, false, G, P, rows, dA, 0, G, h, 0, P, 1f, dWhh, 0, P); Gemm.sgemm(true, false, G, I, rows, dA, 0, G, x, 0, I, 1f, dWih, 0, I); }
                    case 3 -> Gemm.sgemm(true, false, G, P + I, rows, dA, 0, G, hx, 0, P + I, 1f, c, 0, P + I);
                    case 4 -> Gemm.sgemm(false, false, G, P + I, rows, dAt, 0, rows, hx, 0, P + I, 1f, c, 0, P + I);
                    default -> { Gemm.sgemm(false, false, 2048, 2048, 2048, s1, 0, 2048, s2, 0, 2048, 0f, s3, 0, 2048); f = 2.0 * 2048 * 2048 * 2048; }
                }
                res[v][round] = f / (System.nanoTime() - t0);
            }
        }
        for (int v = 0; v < names.length; v++) {
            double[] r = res[v].clone();
            java.util.Arrays.sort(r, 2, rounds);
            System.out.printf("%-22s median %.1f  max %.1f GFLOP/s%n", names[v], r[2 + (rounds - 2) / 2], r[rounds - 1]);
        }
    }
}
