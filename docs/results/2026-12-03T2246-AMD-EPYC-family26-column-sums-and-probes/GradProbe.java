package dev.rnn4j.kernel;

import java.util.Arrays;
import java.util.Random;

public class GradProbe {
    public static void main(String[] args) {
        int G = 2048, P = 512, TB = 3200;
        float[] dA = new float[TB * G], h = new float[TB * P], grad = new float[G * P], gradT = new float[P * G];
        Random r = new Random(1);
        for (int i = 0; i < dA.length; i++) dA[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < h.length; i++) h[i] = r.nextFloat() - 0.5f;
        double flop = 2.0 * G * P * TB;
        for (int round = 0; round < 8; round++) {
            long[] x = new long[7], y = new long[7];
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < dA.length; j += 16) dA[j] += 1e-7f;   // touch: dA comes from memory as in a step
                long t0 = System.nanoTime();
                Gemm.sgemm(true, false, G, P, TB, dA, 0, G, h, 0, P, 1f, grad, 0, P);
                long t1 = System.nanoTime();
                for (int j = 0; j < dA.length; j += 16) dA[j] += 1e-7f;
                long t2 = System.nanoTime();
                Gemm.sgemm(true, false, P, G, TB, h, 0, P, dA, 0, G, 1f, gradT, 0, G);
                long t3 = System.nanoTime();
                x[i] = t1 - t0; y[i] = t3 - t2;
            }
            Arrays.sort(x); Arrays.sort(y);
            System.out.printf("dW = dA^T h: %.1f GF/s (%.2f ms)   dW^T = h^T dA: %.1f GF/s (%.2f ms)%n",
                    flop / x[3], x[3] / 1e6, flop / y[3], y[3] / 1e6);
        }
    }
}
