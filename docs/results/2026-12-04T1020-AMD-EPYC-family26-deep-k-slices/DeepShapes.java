package dev.rnn4j.kernel;
import java.util.*;
public class DeepShapes {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    static final int MR = GemmMicroKernel.MR, NR = GemmMicroKernel.NR;
    static final ThreadLocal<float[]> PA = ThreadLocal.withInitial(() -> new float[4096 * 512]);
    static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);
    static int depth(int k, int kcMax) { int s = (k + kcMax - 1) / kcMax; return (k + s - 1) / s; }
    static void product(int kcMax, int mc, int i0, int i1, int n, int k, float[] a, float[] pb, float[] c) {
        float[] pa = PA.get(), edge = EDGE.get();
        int d = depth(k, kcMax);
        for (int ic = i0; ic < i1; ic += mc) {
            int m = Math.min(i1, ic + mc) - ic;
            for (int pc = 0; pc < k; pc += d) {
                int kc = Math.min(d, k - pc);
                GemmPacking.packA(false, a, 0, k, ic, m, pc, kc, pa, 0);
                for (int jr = 0; jr < n; jr += NR) {
                    int bp = pc * n + jr * kc;
                    for (int ir = 0; ir < m; ir += MR)
                        GemmMicroKernel.multiply(kc, pa, ir * kc, pb, bp, c, (ic + ir) * n + jr, n, pc == 0 ? 0f : 1f, edge);
                }
            }
        }
    }
    public static void main(String[] args) {
        int[][] shapes = {{3200, 512, 2048}, {2048, 512, 3200}, {2048, 2048, 2048}, {3200, 1024, 1024}};
        int[][] configs = {{512, 144}, {2048, 32}, {1024, 64}};
        Random r = new Random(1);
        for (int[] sh : shapes) {
            int m = sh[0], n = sh[1], k = sh[2];
            float[] a = rnd(r, m * k), b = rnd(r, k * n), c = new float[m * n];
            float[][] pbs = new float[configs.length][];
            for (int q = 0; q < configs.length; q++) {
                int d = depth(k, configs[q][0]);
                pbs[q] = new float[k * n];
                for (int pc = 0; pc < k; pc += d) GemmPacking.packB(false, b, 0, n, pc, Math.min(d, k - pc), 0, n, pbs[q], pc * n);
            }
            int tiles = m / MR;
            double[][] res = new double[configs.length][8];
            for (int round = 0; round < 9; round++) {
                for (int q = 0; q < configs.length; q++) {
                    int kcMax = configs[q][0], mc = configs[q][1];
                    float[] pb = pbs[q];
                    long[] t = new long[5];
                    for (int i = 0; i < t.length; i++) {
                        long t0 = System.nanoTime();
                        KernelPool.parallelFor(2, w -> product(kcMax, mc, tiles * w / 2 * MR, tiles * (w + 1) / 2 * MR, n, k, a, pb, c));
                        t[i] = System.nanoTime() - t0;
                    }
                    Arrays.sort(t);
                    if (round > 0) res[q][round - 1] = 2.0 * m * n * k / t[2];
                }
            }
            StringBuilder sb = new StringBuilder(String.format("m%d n%d k%d: ", m, n, k));
            for (int q = 0; q < configs.length; q++) {
                double[] x = res[q].clone(); Arrays.sort(x);
                double[] ratio = new double[8]; for (int i = 0; i < 8; i++) ratio[i] = res[q][i] / res[0][i]; Arrays.sort(ratio);
                sb.append(String.format("KC%d/MC%d %.0f-%.0f (x%.3f)  ", configs[q][0], configs[q][1], x[1], x[6], ratio[4]));
            }
            System.out.println(sb);
        }
    }
}
