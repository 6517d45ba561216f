package dev.rnn4j.kernel;

import java.util.*;

public class PlusRowProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        int H = 512, rows = 3200, G = Integer.parseInt(args[1]) * H, I = H;
        Random r = new Random(1);
        float[] x = rnd(r, rows * I), w = rnd(r, G * I), a = new float[rows * G], a2 = new float[rows * G], b1 = rnd(r, G), b2 = rnd(r, G);
        double f = 2.0 * G * I * rows;
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            long[][] t = new long[2][7];
            for (int i = 0; i < 7; i++) {
                long t0 = System.nanoTime();
                Rows.broadcast(rows, G, b1, 0, b2, 0, a, 0);
                Gemm.sgemm(false, true, rows, G, I, x, 0, I, w, 0, I, 1f, a, 0, G);
                long t1 = System.nanoTime();
                float[] sum = new float[G];
                for (int j = 0; j < G; j++) sum[j] = b1[j] + b2[j];
                Gemm.sgemmPlusRow(false, true, rows, G, I, x, 0, I, w, 0, I, sum, 0, a2, 0, G);
                long t2 = System.nanoTime();
                t[0][i] = t1 - t0; t[1][i] = t2 - t1;
            }
            if (!Arrays.equals(a, a2)) throw new AssertionError("bits differ");
            for (long[] u : t) Arrays.sort(u);
            double ratio = (double) t[0][3] / t[1][3];
            if (round > 0) { ratios.add(ratio); System.out.printf("G=%d  fill+beta1 %.2f ms (%.0f GF/s)  plusRow %.2f ms (%.0f GF/s)  speed-up %.3f%n", G, t[0][3] / 1e6, f / t[0][3], t[1][3] / 1e6, f / t[1][3], ratio); }
        }
        Collections.sort(ratios);
        System.out.printf("median speed-up %.3f [%.3f-%.3f]%n", ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1));
    }
}
