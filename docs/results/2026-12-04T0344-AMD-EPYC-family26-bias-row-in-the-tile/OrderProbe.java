package dev.rnn4j.kernel;

import java.util.*;

/** sgemm with B packed ahead, one thread: the current order (row block through every k slice over all n columns)
 *  against: the row block's A packed for all slices once, then column chunks of CN, each through every slice. */
public class OrderProbe {
    static final int MR = GemmMicroKernel.MR, NR = GemmMicroKernel.NR, MC = GemmBlocked.MC;
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    static void chunked(int m, int n, float[] a, int lda, PackedMatrix b, float[] c, int ldc, int cn, float[] pa, float[] edge) {
        int k = b.rows(), depth = b.depth();
        for (int ic = 0; ic < m; ic += MC) {
            int mc = Math.min(MC, m - ic);
            int slices = 0;
            for (int pc = 0, at = 0; pc < k; pc += depth, slices++) {
                int kc = Math.min(depth, k - pc);
                GemmPacking.packA(false, a, 0, lda, ic, mc, pc, kc, pa, at);
                at += kc * ((mc + MR - 1) / MR * MR);
            }
            for (int j0 = 0; j0 < n; j0 += cn) {
                int j1 = Math.min(n, j0 + cn);
                for (int pc = 0, at = 0; pc < k; pc += depth) {
                    int kc = Math.min(depth, k - pc);
                    float beta = pc == 0 ? 0f : 1f;
                    for (int jr = j0; jr < j1; jr += NR) {
                        int bp = b.panel(pc, jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            GemmMicroKernel.multiply(kc, pa, at + ir * kc, b.data(), bp, c, (ic + ir) * ldc + jr, ldc, beta, edge);
                        }
                    }
                    at += kc * ((mc + MR - 1) / MR * MR);
                }
            }
        }
    }

    public static void main(String[] args) {
        int n = 2048, cn = Integer.parseInt(args[1]);
        Random r = new Random(1);
        float[] a = rnd(r, n * n), bm = rnd(r, n * n), c1 = new float[n * n], c2 = new float[n * n];
        PackedMatrix b = new PackedMatrix().pack(false, n, n, bm, 0, n);
        float[] pa = new float[MC * n], edge = new float[MR * NR];
        double f = 2.0 * n * n * n;
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            long[][] t = new long[2][3];
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                GemmBlocked.multiplyPacked(false, 0, n, 0, n, a, 0, n, b, 0f, null, 0, c1, 0, n, null);
                long t1 = System.nanoTime();
                chunked(n, n, a, n, b, c2, n, cn, pa, edge);
                long t2 = System.nanoTime();
                t[0][i] = t1 - t0; t[1][i] = t2 - t1;
            }
            if (!Arrays.equals(c1, c2)) throw new AssertionError("bits differ");
            for (long[] u : t) Arrays.sort(u);
            double ratio = (double) t[0][1] / t[1][1];
            if (round > 0) { ratios.add(ratio); System.out.printf("current %.0f GF/s  chunked(%d) %.0f GF/s  %.3f%n", f / t[0][1], cn, f / t[1][1], ratio); }
        }
        Collections.sort(ratios);
        System.out.printf("median %.3f [%.3f-%.3f]%n", ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1));
    }
}
