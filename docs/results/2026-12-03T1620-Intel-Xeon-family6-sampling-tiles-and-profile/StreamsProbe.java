import jdk.incubator.vector.*;
public class StreamsProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), P = 2 * L;
    static void addTo(float[] y, int y0, FloatVector lo, FloatVector hi) {
        FloatVector.fromArray(S, y, y0).add(lo).intoArray(y, y0);
        FloatVector.fromArray(S, y, y0 + L).add(hi).intoArray(y, y0 + L);
    }
    static void t4(int k, float[] w, int wo, float[] x, int x0, int ldx, float[] y, int y0, int ldy) {
        FloatVector z = FloatVector.zero(S), a0 = z, c0 = z, a1 = z, c1 = z, a2 = z, c2 = z, a3 = z, c3 = z;
        for (int p = 0; p < k; p++) {
            int o = wo + p * P;
            FloatVector lo = FloatVector.fromArray(S, w, o), hi = FloatVector.fromArray(S, w, o + L), v;
            v = FloatVector.broadcast(S, x[x0 + 0 * ldx + p]);
            a0 = v.fma(lo, a0);
            c0 = v.fma(hi, c0);
            v = FloatVector.broadcast(S, x[x0 + 1 * ldx + p]);
            a1 = v.fma(lo, a1);
            c1 = v.fma(hi, c1);
            v = FloatVector.broadcast(S, x[x0 + 2 * ldx + p]);
            a2 = v.fma(lo, a2);
            c2 = v.fma(hi, c2);
            v = FloatVector.broadcast(S, x[x0 + 3 * ldx + p]);
            a3 = v.fma(lo, a3);
            c3 = v.fma(hi, c3);
        }
        FloatVector.fromArray(S, y, y0 + 0 * ldy).add(a0).intoArray(y, y0 + 0 * ldy);
        FloatVector.fromArray(S, y, y0 + 0 * ldy + L).add(c0).intoArray(y, y0 + 0 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 1 * ldy).add(a1).intoArray(y, y0 + 1 * ldy);
        FloatVector.fromArray(S, y, y0 + 1 * ldy + L).add(c1).intoArray(y, y0 + 1 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 2 * ldy).add(a2).intoArray(y, y0 + 2 * ldy);
        FloatVector.fromArray(S, y, y0 + 2 * ldy + L).add(c2).intoArray(y, y0 + 2 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 3 * ldy).add(a3).intoArray(y, y0 + 3 * ldy);
        FloatVector.fromArray(S, y, y0 + 3 * ldy + L).add(c3).intoArray(y, y0 + 3 * ldy + L);
    }
    static void t6(int k, float[] w, int wo, float[] x, int x0, int ldx, float[] y, int y0, int ldy) {
        FloatVector z = FloatVector.zero(S), a0 = z, c0 = z, a1 = z, c1 = z, a2 = z, c2 = z, a3 = z, c3 = z, a4 = z, c4 = z, a5 = z, c5 = z;
        for (int p = 0; p < k; p++) {
            int o = wo + p * P;
            FloatVector lo = FloatVector.fromArray(S, w, o), hi = FloatVector.fromArray(S, w, o + L), v;
            v = FloatVector.broadcast(S, x[x0 + 0 * ldx + p]);
            a0 = v.fma(lo, a0);
            c0 = v.fma(hi, c0);
            v = FloatVector.broadcast(S, x[x0 + 1 * ldx + p]);
            a1 = v.fma(lo, a1);
            c1 = v.fma(hi, c1);
            v = FloatVector.broadcast(S, x[x0 + 2 * ldx + p]);
            a2 = v.fma(lo, a2);
            c2 = v.fma(hi, c2);
            v = FloatVector.broadcast(S, x[x0 + 3 * ldx + p]);
            a3 = v.fma(lo, a3);
            c3 = v.fma(hi, c3);
            v = FloatVector.broadcast(S, x[x0 + 4 * ldx + p]);
            a4 = v.fma(lo, a4);
            c4 = v.fma(hi, c4);
            v = FloatVector.broadcast(S, x[x0 + 5 * ldx + p]);
            a5 = v.fma(lo, a5);
            c5 = v.fma(hi, c5);
        }
        FloatVector.fromArray(S, y, y0 + 0 * ldy).add(a0).intoArray(y, y0 + 0 * ldy);
        FloatVector.fromArray(S, y, y0 + 0 * ldy + L).add(c0).intoArray(y, y0 + 0 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 1 * ldy).add(a1).intoArray(y, y0 + 1 * ldy);
        FloatVector.fromArray(S, y, y0 + 1 * ldy + L).add(c1).intoArray(y, y0 + 1 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 2 * ldy).add(a2).intoArray(y, y0 + 2 * ldy);
        FloatVector.fromArray(S, y, y0 + 2 * ldy + L).add(c2).intoArray(y, y0 + 2 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 3 * ldy).add(a3).intoArray(y, y0 + 3 * ldy);
        FloatVector.fromArray(S, y, y0 + 3 * ldy + L).add(c3).intoArray(y, y0 + 3 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 4 * ldy).add(a4).intoArray(y, y0 + 4 * ldy);
        FloatVector.fromArray(S, y, y0 + 4 * ldy + L).add(c4).intoArray(y, y0 + 4 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 5 * ldy).add(a5).intoArray(y, y0 + 5 * ldy);
        FloatVector.fromArray(S, y, y0 + 5 * ldy + L).add(c5).intoArray(y, y0 + 5 * ldy + L);
    }
    static void t8(int k, float[] w, int wo, float[] x, int x0, int ldx, float[] y, int y0, int ldy) {
        FloatVector z = FloatVector.zero(S), a0 = z, c0 = z, a1 = z, c1 = z, a2 = z, c2 = z, a3 = z, c3 = z, a4 = z, c4 = z, a5 = z, c5 = z, a6 = z, c6 = z, a7 = z, c7 = z;
        for (int p = 0; p < k; p++) {
            int o = wo + p * P;
            FloatVector lo = FloatVector.fromArray(S, w, o), hi = FloatVector.fromArray(S, w, o + L), v;
            v = FloatVector.broadcast(S, x[x0 + 0 * ldx + p]);
            a0 = v.fma(lo, a0);
            c0 = v.fma(hi, c0);
            v = FloatVector.broadcast(S, x[x0 + 1 * ldx + p]);
            a1 = v.fma(lo, a1);
            c1 = v.fma(hi, c1);
            v = FloatVector.broadcast(S, x[x0 + 2 * ldx + p]);
            a2 = v.fma(lo, a2);
            c2 = v.fma(hi, c2);
            v = FloatVector.broadcast(S, x[x0 + 3 * ldx + p]);
            a3 = v.fma(lo, a3);
            c3 = v.fma(hi, c3);
            v = FloatVector.broadcast(S, x[x0 + 4 * ldx + p]);
            a4 = v.fma(lo, a4);
            c4 = v.fma(hi, c4);
            v = FloatVector.broadcast(S, x[x0 + 5 * ldx + p]);
            a5 = v.fma(lo, a5);
            c5 = v.fma(hi, c5);
            v = FloatVector.broadcast(S, x[x0 + 6 * ldx + p]);
            a6 = v.fma(lo, a6);
            c6 = v.fma(hi, c6);
            v = FloatVector.broadcast(S, x[x0 + 7 * ldx + p]);
            a7 = v.fma(lo, a7);
            c7 = v.fma(hi, c7);
        }
        FloatVector.fromArray(S, y, y0 + 0 * ldy).add(a0).intoArray(y, y0 + 0 * ldy);
        FloatVector.fromArray(S, y, y0 + 0 * ldy + L).add(c0).intoArray(y, y0 + 0 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 1 * ldy).add(a1).intoArray(y, y0 + 1 * ldy);
        FloatVector.fromArray(S, y, y0 + 1 * ldy + L).add(c1).intoArray(y, y0 + 1 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 2 * ldy).add(a2).intoArray(y, y0 + 2 * ldy);
        FloatVector.fromArray(S, y, y0 + 2 * ldy + L).add(c2).intoArray(y, y0 + 2 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 3 * ldy).add(a3).intoArray(y, y0 + 3 * ldy);
        FloatVector.fromArray(S, y, y0 + 3 * ldy + L).add(c3).intoArray(y, y0 + 3 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 4 * ldy).add(a4).intoArray(y, y0 + 4 * ldy);
        FloatVector.fromArray(S, y, y0 + 4 * ldy + L).add(c4).intoArray(y, y0 + 4 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 5 * ldy).add(a5).intoArray(y, y0 + 5 * ldy);
        FloatVector.fromArray(S, y, y0 + 5 * ldy + L).add(c5).intoArray(y, y0 + 5 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 6 * ldy).add(a6).intoArray(y, y0 + 6 * ldy);
        FloatVector.fromArray(S, y, y0 + 6 * ldy + L).add(c6).intoArray(y, y0 + 6 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 7 * ldy).add(a7).intoArray(y, y0 + 7 * ldy);
        FloatVector.fromArray(S, y, y0 + 7 * ldy + L).add(c7).intoArray(y, y0 + 7 * ldy + L);
    }

    static void t8p(int k, float[] w, int wo, float[] xp, int xo, float[] y, int y0, int ldy) {
        FloatVector z = FloatVector.zero(S), a0 = z, c0 = z, a1 = z, c1 = z, a2 = z, c2 = z, a3 = z, c3 = z, a4 = z, c4 = z, a5 = z, c5 = z, a6 = z, c6 = z, a7 = z, c7 = z;
        for (int p = 0; p < k; p++) {
            int o = wo + p * P, q = xo + p * 8;
            FloatVector lo = FloatVector.fromArray(S, w, o), hi = FloatVector.fromArray(S, w, o + L), v;
            v = FloatVector.broadcast(S, xp[q + 0]);
            a0 = v.fma(lo, a0);
            c0 = v.fma(hi, c0);
            v = FloatVector.broadcast(S, xp[q + 1]);
            a1 = v.fma(lo, a1);
            c1 = v.fma(hi, c1);
            v = FloatVector.broadcast(S, xp[q + 2]);
            a2 = v.fma(lo, a2);
            c2 = v.fma(hi, c2);
            v = FloatVector.broadcast(S, xp[q + 3]);
            a3 = v.fma(lo, a3);
            c3 = v.fma(hi, c3);
            v = FloatVector.broadcast(S, xp[q + 4]);
            a4 = v.fma(lo, a4);
            c4 = v.fma(hi, c4);
            v = FloatVector.broadcast(S, xp[q + 5]);
            a5 = v.fma(lo, a5);
            c5 = v.fma(hi, c5);
            v = FloatVector.broadcast(S, xp[q + 6]);
            a6 = v.fma(lo, a6);
            c6 = v.fma(hi, c6);
            v = FloatVector.broadcast(S, xp[q + 7]);
            a7 = v.fma(lo, a7);
            c7 = v.fma(hi, c7);
        }
        FloatVector.fromArray(S, y, y0 + 0 * ldy).add(a0).intoArray(y, y0 + 0 * ldy);
        FloatVector.fromArray(S, y, y0 + 0 * ldy + L).add(c0).intoArray(y, y0 + 0 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 1 * ldy).add(a1).intoArray(y, y0 + 1 * ldy);
        FloatVector.fromArray(S, y, y0 + 1 * ldy + L).add(c1).intoArray(y, y0 + 1 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 2 * ldy).add(a2).intoArray(y, y0 + 2 * ldy);
        FloatVector.fromArray(S, y, y0 + 2 * ldy + L).add(c2).intoArray(y, y0 + 2 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 3 * ldy).add(a3).intoArray(y, y0 + 3 * ldy);
        FloatVector.fromArray(S, y, y0 + 3 * ldy + L).add(c3).intoArray(y, y0 + 3 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 4 * ldy).add(a4).intoArray(y, y0 + 4 * ldy);
        FloatVector.fromArray(S, y, y0 + 4 * ldy + L).add(c4).intoArray(y, y0 + 4 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 5 * ldy).add(a5).intoArray(y, y0 + 5 * ldy);
        FloatVector.fromArray(S, y, y0 + 5 * ldy + L).add(c5).intoArray(y, y0 + 5 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 6 * ldy).add(a6).intoArray(y, y0 + 6 * ldy);
        FloatVector.fromArray(S, y, y0 + 6 * ldy + L).add(c6).intoArray(y, y0 + 6 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 7 * ldy).add(a7).intoArray(y, y0 + 7 * ldy);
        FloatVector.fromArray(S, y, y0 + 7 * ldy + L).add(c7).intoArray(y, y0 + 7 * ldy + L);
    }
    public static void main(String[] args) {
        int rows = 2048, k = 512, n = 64, panels = rows / P;
        float[] w = new float[rows * k], x = new float[n * k], y = new float[n * rows];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        int[] sizes = {4, 6, 8, 9};
        float[] xp = new float[n * k];
        for (int b = 0; b < n; b++) for (int p = 0; p < k; p++) xp[(b / 8) * 8 * k + p * 8 + b % 8] = x[b * k + p];
        for (int round = 0; round < 6; round++) {
            StringBuilder sb = new StringBuilder();
            for (int t : sizes) {
                int reps = 20; double us = 0;
                for (int rep = 0; rep < 2; rep++) {
                    long t0 = System.nanoTime();
                    for (int it = 0; it < reps; it++)
                        for (int p = 0; p < panels; p++) {
                            int wo = p * k * P, b = 0;
                            if (t == 4) for (; b + 4 <= n; b += 4) t4(k, w, wo, x, b * k, k, y, b * rows + p * P, rows);
                            else if (t == 6) { for (; b + 6 <= n; b += 6) t6(k, w, wo, x, b * k, k, y, b * rows + p * P, rows); for (; b + 4 <= n; b += 4) t4(k, w, wo, x, b * k, k, y, b * rows + p * P, rows); }
                            else if (t == 9) for (; b + 8 <= n; b += 8) t8p(k, w, wo, xp, b * k, y, b * rows + p * P, rows);
                            else for (; b + 8 <= n; b += 8) t8(k, w, wo, x, b * k, k, y, b * rows + p * P, rows);
                        }
                    us = (System.nanoTime() - t0) / 1e3 / reps;
                }
                sb.append(String.format("t%d %.1f GFLOP/s  ", t, 2.0 * rows * k * n / us / 1e3));
            }
            if (round > 0) System.out.println(sb);
        }
        System.out.println(y[5]);
    }
}
