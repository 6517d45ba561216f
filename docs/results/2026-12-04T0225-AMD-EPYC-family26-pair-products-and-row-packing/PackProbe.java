package dev.rnn4j.kernel;

import java.util.*;

public class PackProbe {
    // row-wise alternative: for each row p of a slice, copy its NR-wide pieces into every panel
    static void packRowwise(float[] b, int n, int k, float[] dst, int nPadded, int depth, int p0, int p1) {
        for (int p = p0; p < p1; p++) {
            int pc = p / depth * depth, kc = Math.min(depth, k - pc), q = p - pc;
            int base = GemmBlocked.PANEL_START + pc * nPadded + q * GemmMicroKernel.NR;
            int src = p * n;
            for (int jr = 0; jr < n; jr += GemmMicroKernel.NR) System.arraycopy(b, src + jr, dst, base + jr * kc, GemmMicroKernel.NR);
        }
    }
    public static void main(String[] args) {
        int n = 2048, k = 2048;
        Random r = new Random(1);
        float[] b = new float[n * k];
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        PackedMatrix pm = new PackedMatrix();
        pm.pack(false, k, n, b, 0, n);
        float[] dst = new float[pm.data().length];
        int depth = pm.depth();
        for (int round = 0; round < 10; round++) {
            long[] cur = new long[9], row = new long[9], cur1 = new long[9], row1 = new long[9];
            for (int i = 0; i < 9; i++) {
                long t0 = System.nanoTime();
                pm.pack(false, k, n, b, 0, n);
                long t1 = System.nanoTime();
                KernelPool.parallelFor(8, t -> packRowwise(b, n, k, dst, n, depth, t * k / 8, (t + 1) * k / 8));
                long t2 = System.nanoTime();
                cur[i] = t1 - t0; row[i] = t2 - t1;
            }
            if (round == 0) {
                float[] ref = pm.data();
                for (int i = 0; i < dst.length; i++) if (dst[i] != ref[i]) { System.out.println("MISMATCH at " + i); break; }
            }
            Arrays.sort(cur); Arrays.sort(row);
            if (round > 1) System.out.printf("2 threads: current %.2f ms  rowwise %.2f ms%n", cur[4] / 1e6, row[4] / 1e6);
        }
    }
}
