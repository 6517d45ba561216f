package dev.rnn4j.kernel;

import java.util.*;

public class PairProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        int H = 512, rows = Integer.parseInt(args[0]), gates = Integer.parseInt(args[1]), G = gates * H, P = H;
        int same = gates == 3 ? 2 * H : G;
        Random r = new Random(1);
        float[] dAh = rnd(r, rows * G), dAx = gates == 3 ? rnd(r, rows * G) : dAh, h = rnd(r, rows * P), x = rnd(r, rows * P);
        float[] dWh = new float[G * P], dWi = new float[G * P], dbh = new float[G], dbi = new float[G];
        double flop = 2.0 * 2 * G * P * rows;
        for (int round = 0; round < 12; round++) {
            long[] sep = new long[7], pair = new long[7];
            for (int i = 0; i < 7; i++) {
                long t0 = System.nanoTime();
                Gemm.sgemmWithColumnSums(false, G, P, rows, dAh, 0, G, h, 0, P, 1f, dWh, 0, P, dbh, 0, null, 0);
                Gemm.sgemmWithColumnSums(false, G, P, rows, dAx, 0, G, x, 0, P, 1f, dWi, 0, P, dbi, 0, null, 0);
                long t1 = System.nanoTime();
                Gemm.sgemmPairWithColumnSums(G, rows, same, dAh, dAx, 0, G, h, 0, P, dWh, 0, x, 0, P, dWi, 0, dbh, 0, dbi, 0);
                long t2 = System.nanoTime();
                sep[i] = t1 - t0; pair[i] = t2 - t1;
            }
            Arrays.sort(sep); Arrays.sort(pair);
            if (round > 1) System.out.printf("gates %d rows %d: separate %.2f ms %.0f GF/s   pair %.2f ms %.0f GF/s  ratio %.3f%n", gates, rows, sep[3] / 1e6, flop / sep[3], pair[3] / 1e6, flop / pair[3], (double) sep[3] / pair[3]);
        }
    }
}
