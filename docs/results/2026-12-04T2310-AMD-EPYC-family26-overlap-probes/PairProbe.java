package dev.rnn4j.kernel;

import java.util.*;

public class PairProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian(); return a; }
    interface Run { void run(); }
    static double time(Run r, int reps, double fl) {
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) r.run();
        return fl * reps / ((System.nanoTime() - t) / 1e9) / 1e9;
    }
    public static void main(String[] args) {
        int G = 2048, P = 512, I = 512, TB = 3200;
        float[] dA = rnd(TB * G, 1), hp = rnd(TB * P, 2), x = rnd(TB * I, 3);
        float[] dWhh = new float[G * P], dWih = new float[G * I], dbh = new float[G], dbi = new float[G];
        float[] tHh = new float[P * G], tIh = new float[I * G];
        double fl = 2.0 * G * (P + I) * TB;
        for (int r = 0; r < 14; r++) {
            double[] ck = new double[5]; int[] runs = {1, 2, 4, 8, 16};
            for (int d = 0; d < 5; d++) { System.setProperty("rnn4j.runs", "" + runs[d]); ck[d] = time(() -> Gemm.sgemmPairWithColumnSums(G, TB, G, dA, dA, 0, G, hp, 0, P, dWhh, 0, x, 0, I, dWih, 0, dbh, 0, dbi, 0), 3, fl); }
            System.setProperty("rnn4j.runs", "4");
            double pair = time(() -> Gemm.sgemmPairWithColumnSums(G, TB, G, dA, dA, 0, G, hp, 0, P, dWhh, 0, x, 0, I, dWih, 0, dbh, 0, dbi, 0), 3, fl);
            double pairNoSums = time(() -> Gemm.sgemmPairWithColumnSums(G, TB, G, dA, dA, 0, G, hp, 0, P, dWhh, 0, x, 0, I, dWih, 0, null, 0, null, 0), 3, fl);
            double two = time(() -> { Gemm.sgemm(true, false, G, P, TB, dA, 0, G, hp, 0, P, 1f, dWhh, 0, P); Gemm.sgemm(true, false, G, I, TB, dA, 0, G, x, 0, I, 1f, dWih, 0, I); }, 3, fl);
            double transposed = time(() -> { Gemm.sgemm(true, false, P, G, TB, hp, 0, P, dA, 0, G, 0f, tHh, 0, G); Gemm.sgemm(true, false, I, G, TB, x, 0, I, dA, 0, G, 0f, tIh, 0, G); }, 3, fl);
            double sg = time(() -> Gemm.sgemm(false, false, 2048, 2048, 2048, dA, 0, 2048, dA, 0, 2048, 0f, tHh.length >= 0 ? new float[0].length == 0 ? dWsink : null : null, 0, 2048), 2, 2.0 * 2048 * 2048 * 2048);
            if (r > 1) System.out.printf("runs/thread 1 %.0f 2 %.0f 4 %.0f 8 %.0f 16 %.0f | sgemm %.0f | pair %.0f, no sums %.0f | two sgemms %.0f | transposed (x|h)T dA %.0f%n", ck[0], ck[1], ck[2], ck[3], ck[4], sg, pair, pairNoSums, two, transposed);
        }
    }
    static final float[] dWsink = new float[2048 * 2048];
}
