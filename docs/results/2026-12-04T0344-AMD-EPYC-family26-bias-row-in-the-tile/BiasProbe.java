package dev.rnn4j.kernel;

import java.util.*;

public class BiasProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        int H = 512, rows = 3200, G = 4 * H, I = H;
        Random r = new Random(1);
        float[] x = rnd(r, rows * I), w = rnd(r, G * I), a = new float[rows * G], b1 = rnd(r, G), b2 = rnd(r, G);
        double f = 2.0 * G * I * rows;
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            long[][] t = new long[3][7];
            for (int i = 0; i < 7; i++) {
                long t0 = System.nanoTime();
                Rows.broadcast(rows, G, b1, 0, b2, 0, a, 0);
                long t1 = System.nanoTime();
                Gemm.sgemm(false, true, rows, G, I, x, 0, I, w, 0, I, 1f, a, 0, G);
                long t2 = System.nanoTime();
                Gemm.sgemm(false, true, rows, G, I, x, 0, I, w, 0, I, 0f, a, 0, G);
                long t3 = System.nanoTime();
                t[0][i] = t1 - t0; t[1][i] = t2 - t1; t[2][i] = t3 - t2;
            }
            for (long[] u : t) Arrays.sort(u);
            if (round > 0) System.out.printf("broadcast %.2f ms  beta1 %.2f ms  (total %.2f)  beta0 %.2f ms   saving %.1f%%%n", t[0][3] / 1e6, t[1][3] / 1e6, (t[0][3] + t[1][3]) / 1e6, t[2][3] / 1e6, 100.0 * (t[0][3] + t[1][3] - t[2][3]) / (t[0][3] + t[1][3]));
        }
    }
}
