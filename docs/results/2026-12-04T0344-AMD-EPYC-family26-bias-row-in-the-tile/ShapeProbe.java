package dev.rnn4j.kernel;

import java.util.*;

public class ShapeProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        int H = 512, rows = 3200, G = 4 * H, P = H, I = H;
        Random r = new Random(1);
        float[] dA = rnd(r, rows * G), h = rnd(r, rows * P), x = rnd(r, rows * I), w = rnd(r, G * I), a = new float[rows * G];
        float[] dx = new float[rows * I];
        float[] dWh = new float[G * P], dWi = new float[G * P], dbh = new float[G], dbi = new float[G];
        float[] s1 = rnd(r, 2048 * 2048), s2 = rnd(r, 2048 * 2048), s3 = new float[2048 * 2048];
        double f = 2.0 * G * I * rows;
        String[] names = {"proj", "dx", "pair(2)", "sgemm2048"};
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            long[][] t = new long[4][5];
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                Gemm.sgemm(false, true, rows, G, I, x, 0, I, w, 0, I, 1f, a, 0, G);
                long t1 = System.nanoTime();
                Gemm.sgemm(false, false, rows, I, G, dA, 0, G, w, 0, I, 0f, dx, 0, I);
                long t2 = System.nanoTime();
                Gemm.sgemmPairWithColumnSums(G, rows, G, dA, dA, 0, G, h, 0, P, dWh, 0, x, 0, I, dWi, 0, dbh, 0, dbi, 0);
                long t3 = System.nanoTime();
                Gemm.sgemm(false, false, 2048, 2048, 2048, s1, 0, 2048, s2, 0, 2048, 0f, s3, 0, 2048);
                long t4 = System.nanoTime();
                t[0][i] = t1 - t0; t[1][i] = t2 - t1; t[2][i] = t3 - t2; t[3][i] = t4 - t3;
            }
            StringBuilder sb = new StringBuilder();
            double[] fl = {f, f, 2 * f, 2.0 * 2048 * 2048 * 2048};
            for (int k = 0; k < 4; k++) { Arrays.sort(t[k]); sb.append(String.format("%s %.0f  ", names[k], fl[k] / t[k][2])); }
            if (round > 0) System.out.println(sb);
        }
    }
}
