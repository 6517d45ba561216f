package dev.rnn4j.kernel;

import java.util.Arrays;
import java.util.Random;

public class SgemmProbe {
    static double gf(long ns, int n) { return 2.0 * n * n * n / ns; }
    public static void main(String[] args) {
        int n = 2048;
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        Random r = new Random(1);
        for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat(); b[i] = r.nextFloat(); }
        PackedMatrix pb = new PackedMatrix();
        for (int round = 0; round < 8; round++) {
            long[] full = new long[7], pack = new long[7], comp = new long[7], cols = new long[7], own = new long[7], rows2 = new long[7], own8 = new long[7], indep = new long[7];
            for (int i = 0; i < 7; i++) {
                long t0 = System.nanoTime();
                Gemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
                long t1 = System.nanoTime();
                pb.pack(false, n, n, b, 0, n);
                long t2 = System.nanoTime();
                Gemm.sgemm(false, n, a, 0, n, pb, 0f, c, 0, n);
                long t3 = System.nanoTime();
                // column split: each thread half the columns, its own A packing
                int tiles = n / GemmMicroKernel.NR;
                KernelPool.parallelFor(2, t -> GemmBlocked.multiplyPacked(false, 0, n, t * tiles / 2 * GemmMicroKernel.NR,
                        (t + 1) * tiles / 2 * GemmMicroKernel.NR, a, 0, n, pb, 0f, c, 0, n, null));
                long t4 = System.nanoTime();
                KernelPool.parallelFor(2, t -> GemmBlocked.multiply(false, false, 0, n, t * tiles / 2 * GemmMicroKernel.NR,
                        (t + 1) * tiles / 2 * GemmMicroKernel.NR, n, a, 0, n, b, 0, n, 0f, c, 0, n, null));
                long t5 = System.nanoTime();
                int rt = n / GemmMicroKernel.MR;
                KernelPool.parallelFor(2, t -> GemmBlocked.multiplyPacked(false, t * rt / 2 * GemmMicroKernel.MR,
                        (t + 1) * rt / 2 * GemmMicroKernel.MR, 0, n, a, 0, n, pb, 0f, c, 0, n, null));
                long t6 = System.nanoTime();
                KernelPool.parallelFor(8, t -> GemmBlocked.multiply(false, false, 0, n, t * tiles / 8 * GemmMicroKernel.NR,
                        (t + 1) * tiles / 8 * GemmMicroKernel.NR, n, a, 0, n, b, 0, n, 0f, c, 0, n, null));
                long t7 = System.nanoTime();
                rows2[i] = t6 - t5; own8[i] = t7 - t6;
                long t8 = System.nanoTime();
                KernelPool.parallelFor(2, t -> GemmBlocked.multiply(false, false, t * rt / 2 * GemmMicroKernel.MR,
                        (t + 1) * rt / 2 * GemmMicroKernel.MR, 0, n, n, a, 0, n, b, 0, n, 0f, c, 0, n, null));
                indep[i] = System.nanoTime() - t8;
                full[i] = t1 - t0; pack[i] = t2 - t1; comp[i] = t3 - t2; cols[i] = t4 - t3; own[i] = t5 - t4;
            }
            Arrays.sort(full); Arrays.sort(pack); Arrays.sort(comp); Arrays.sort(cols); Arrays.sort(own); Arrays.sort(rows2); Arrays.sort(own8); Arrays.sort(indep);
            System.out.printf("full %.1f GF/s  pack %.2f ms  compute-rows %.1f GF/s  compute-cols %.1f GF/s  own-pack-cols %.1f rows2 %.1f own8 %.1f indep-rows %.1f%n",
                    gf(full[3], n), pack[3] / 1e6, gf(comp[3], n), gf(cols[3], n), gf(own[3], n), gf(rows2[3], n), gf(own8[3], n), gf(indep[3], n));
        }
    }
}
