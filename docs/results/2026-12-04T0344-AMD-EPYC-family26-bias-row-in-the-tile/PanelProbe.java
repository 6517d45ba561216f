package dev.rnn4j.kernel;

import java.util.*;

/** Upper bound of keeping dA in the packed-panel layout: an LSTM layer's two weight gradients (the pair, one thread,
 *  H 512, 3,200 rows) as they run, against the same sweeps with every block of dAᵀ already packed (no packBlock). */
public class PanelProbe {
    static final int MR = GemmMicroKernel.MR, NR = GemmMicroKernel.NR, MC = GemmBlocked.MC, NC = GemmBlocked.NC;
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }

    public static void main(String[] args) {
        int H = 512, rows = 3200, G = 4 * H;
        Random r = new Random(1);
        float[] dA = rnd(r, rows * G), h = rnd(r, rows * H), x = rnd(r, rows * H);
        float[] dWh = new float[G * H], dWi = new float[G * H], dWh2 = new float[G * H], dWi2 = new float[G * H];
        PackedMatrix b = new PackedMatrix().packSideBySide(rows, h, 0, H, x, 0, H);
        int k = b.rows(), depth = b.depth();
        // every (ic, pc) block of dAᵀ packed ahead, as a panel layout written by the gates would give it
        int blocks = 0;
        for (int ic = 0; ic < G; ic += MC) for (int pc = 0; pc < k; pc += depth) blocks++;
        float[][] pre = new float[blocks][];
        int q = 0;
        for (int ic = 0; ic < G; ic += MC) for (int pc = 0; pc < k; pc += depth) {
            int mc = Math.min(MC, G - ic), kc = Math.min(depth, k - pc);
            pre[q] = new float[((mc + MR - 1) / MR * MR) * kc];
            GemmPacking.packA(true, dA, 0, G, ic, mc, pc, kc, pre[q++], 0);
        }
        float[] edge = new float[MR * NR];
        float[] junk = new float[16 << 20];
        double f = 2.0 * 2 * G * H * rows;
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            long t1 = 0, t2 = 0;
            for (int rep = 0; rep < 3; rep++) {
                for (int i = 0; i < junk.length; i += 16) junk[i] += 1f;
                long s = System.nanoTime();
                GemmBlocked.multiplySideBySide(true, 0, G, G, dA, dA, 0, G, b, H, 1f, dWh, 0, H, dWi, 0, H, null, null, null);
                t1 += System.nanoTime() - s;
                for (int i = 0; i < junk.length; i += 16) junk[i] += 1f;
                s = System.nanoTime();
                int p = 0;
                for (int ic = 0; ic < G; ic += MC) {
                    int mc = Math.min(MC, G - ic);
                    for (int pc = 0; pc < k; pc += depth) {
                        int kc = Math.min(depth, k - pc);
                        float[] pa = pre[p++];
                        for (int jc = 0; jc < b.columns(); jc += NR) {
                            boolean second = jc >= b.secondStart();
                            float[] c = second ? dWi2 : dWh2;
                            int col = second ? jc - b.secondStart() : jc;
                            if (!second && jc >= H) continue;
                            int bp = b.panel(pc, jc);
                            for (int ir = 0; ir < mc; ir += MR) {
                                GemmMicroKernel.multiply(kc, pa, ir * kc, b.data(), bp, c, (ic + ir) * H + col, H, 1f, edge);
                            }
                        }
                    }
                }
                t2 += System.nanoTime() - s;
            }
            double ratio = (double) t1 / t2;
            if (round > 0) { ratios.add(ratio); System.out.printf("pair %.2f ms (%.0f GF/s)  prepacked %.2f ms (%.0f GF/s)  %.3f%n", t1 / 3e6, 3 * f / t1, t2 / 3e6, 3 * f / t2, ratio); }
        }
        Collections.sort(ratios);
        System.out.printf("median %.3f [%.3f-%.3f]%n", ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1));
        if (!Arrays.equals(dWh, dWh2) || !Arrays.equals(dWi, dWi2)) System.out.println("(sums differ: expected, both accumulate across rounds in their own arrays)");
    }
}
