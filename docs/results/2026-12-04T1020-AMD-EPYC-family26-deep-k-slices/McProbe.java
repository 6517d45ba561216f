package dev.rnn4j.kernel;
import java.util.*;
public class McProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    static final int MR = GemmMicroKernel.MR, NR = GemmMicroKernel.NR;
    static final ThreadLocal<float[]> PA = ThreadLocal.withInitial(() -> new float[600 * 512]);
    static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);
    // rows [i0,i1), all columns, B prepacked, row blocks of mc
    static void product(int mc, int i0, int i1, int n, float[] a, int lda, PackedMatrix b, float[] c, int ldc) {
        int k = b.rows(), depth = b.depth();
        float[] pa = PA.get(), edge = EDGE.get();
        for (int ic = i0; ic < i1; ic += mc) {
            int ie = Math.min(i1, ic + mc), m = ie - ic;
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                GemmPacking.packA(false, a, 0, lda, ic, m, pc, kc, pa, 0);
                int bp0 = b.panel(pc, 0);
                for (int jr = 0; jr < n; jr += NR) {
                    int bp = bp0 + jr * kc;
                    for (int ir = 0; ir < m; ir += MR) {
                        GemmMicroKernel.multiply(kc, pa, ir * kc, b.data(), bp, c, (ic + ir) * ldc + jr, ldc, pc == 0 ? 0f : 1f, edge);
                    }
                }
            }
        }
    }
    public static void main(String[] args) {
        int n = 2048;
        Random r = new Random(1);
        float[] a = rnd(r, n * n), b = rnd(r, n * n), c = new float[n * n];
        PackedMatrix pb = new PackedMatrix().pack(false, n, n, b, 0, n);
        int[] mcs = {72, 144, 216, 288, 432, 576};
        int tiles = n / MR;
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            StringBuilder sb = new StringBuilder();
            for (int mc : mcs) {
                long[] t = new long[7];
                for (int i = 0; i < t.length; i++) {
                    long t0 = System.nanoTime();
                    KernelPool.parallelFor(2, k -> product(mc, tiles * k / 2 * MR, tiles * (k + 1) / 2 * MR, n, a, n, pb, c, n));
                    t[i] = System.nanoTime() - t0;
                }
                Arrays.sort(t);
                sb.append(String.format("MC %3d %.0f  ", mc, 2.0 * n * n * n / t[3]));
            }
            if (round > 0) System.out.println(sb);
        }
    }
}
