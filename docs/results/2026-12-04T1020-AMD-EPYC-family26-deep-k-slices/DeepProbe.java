package dev.rnn4j.kernel;
import java.util.*;
public class DeepProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    static final int MR = GemmMicroKernel.MR, NR = GemmMicroKernel.NR;
    static final ThreadLocal<float[]> PA = ThreadLocal.withInitial(() -> new float[2048 * 2048]);
    static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);
    // B packed per slice: slice pc at pc*n, panel jr at pc*n + jr*kc
    static void product(int kcMax, int mc, int i0, int i1, int n, int k, float[] a, float[] pb, float[] c) {
        float[] pa = PA.get(), edge = EDGE.get();
        for (int ic = i0; ic < i1; ic += mc) {
            int m = Math.min(i1, ic + mc) - ic;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
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
        int n = 2048, m = 2048, k = 2048;
        Random r = new Random(1);
        float[] a = rnd(r, m * k), b = rnd(r, k * n), c = new float[m * n];
        int[][] configs = {{512, 144}, {2048, 16}, {2048, 32}, {512, 144}, {1024, 48}};
        float[][] pbs = new float[configs.length][];
        for (int q = 0; q < configs.length; q++) {
            int kcMax = configs[q][0];
            pbs[q] = new float[k * n];
            for (int pc = 0; pc < k; pc += kcMax) GemmPacking.packB(false, b, 0, n, pc, Math.min(kcMax, k - pc), 0, n, pbs[q], pc * n);
        }
        int tiles = m / MR;
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            StringBuilder sb = new StringBuilder();
            for (int q = 0; q < configs.length; q++) {
                int kcMax = configs[q][0], mc = configs[q][1];
                float[] pb = pbs[q];
                long[] t = new long[7];
                for (int i = 0; i < t.length; i++) {
                    long t0 = System.nanoTime();
                    KernelPool.parallelFor(2, w -> product(kcMax, mc, tiles * w / 2 * MR, tiles * (w + 1) / 2 * MR, n, k, a, pb, c));
                    t[i] = System.nanoTime() - t0;
                }
                Arrays.sort(t);
                sb.append(String.format("KC%d/MC%d %.0f  ", kcMax, mc, 2.0 * n * n * k / t[3]));
            }
            if (round > 0) System.out.println(sb);
        }
    }
}
