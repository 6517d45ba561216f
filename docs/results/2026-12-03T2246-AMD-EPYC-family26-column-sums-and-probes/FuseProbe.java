package dev.rnn4j.kernel;

import java.util.Arrays;
import java.util.Random;

public class FuseProbe {
    public static void main(String[] args) {
        int G = Integer.parseInt(args[0]), P = G / 4, TB = 3200;
        float[] dA = new float[TB * G], h = new float[TB * P], grad = new float[G * P], s1 = new float[G], s2 = new float[G];
        float[] big = new float[64 << 20];   // 256 MB: evicts dA from the caches as a step's other work would
        Random r = new Random(1);
        for (int i = 0; i < dA.length; i++) dA[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < h.length; i++) h[i] = r.nextFloat() - 0.5f;
        for (int round = 0; round < 10; round++) {
            long[] x = new long[9], y = new long[9];
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < dA.length; j += 16) dA[j] += 1e-7f;
                long t0 = System.nanoTime();
                Gemm.sgemm(true, false, G, P, TB, dA, 0, G, h, 0, P, 1f, grad, 0, P);
                Rows.addColumnSums(TB, G, dA, 0, s1, 0, s2, 0);
                long t1 = System.nanoTime();
                for (int j = 0; j < dA.length; j += 16) dA[j] += 1e-7f;
                long t2 = System.nanoTime();
                Gemm.sgemmWithColumnSums(false, G, P, TB, dA, 0, G, h, 0, P, 1f, grad, 0, P, s1, 0, s2, 0);
                long t3 = System.nanoTime();
                x[i] = t1 - t0; y[i] = t3 - t2;
            }
            Arrays.sort(x); Arrays.sort(y);
            System.out.printf("separate %.2f ms   fused %.2f ms   saved %.2f ms%n", x[4] / 1e6, y[4] / 1e6, (x[4] - y[4]) / 1e6);
        }
    }
}
