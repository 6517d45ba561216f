package dev.rnn4j.kernel;

import static dev.rnn4j.kernel.GemmMicroKernel.MR;
import static dev.rnn4j.kernel.GemmMicroKernel.NR;

public class DriverProbe {
    static final ThreadLocal<float[]> CS = ThreadLocal.withInitial(() -> new float[32 * 2048]);
    public static void main(String[] args) {
        KernelPool.setThreads(2);
        int n = 2048, m = 2048, k = 2048;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
        PackedMatrix pb = new PackedMatrix();
        int mPadded = m;
        float[] pa = new float[mPadded * k];
        int rowTiles = mPadded / MR;
        for (int round = 0; round < 25; round++) {
            long t0 = System.nanoTime();
            Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, 0f, c, 0, n);
            long t1 = System.nanoTime();
            pb.pack(false, k, n, b, 0, n);
            long t2 = System.nanoTime();
            KernelPool.parallelFor(2, t -> GemmBlocked.packRows(false, a, 0, k, t * rowTiles / 2 * MR, (t + 1) * rowTiles / 2 * MR, k, pa, mPadded, null));
            long t3 = System.nanoTime();
            int width = 512, blocks = n / width, runs = 8;
            KernelPool.parallelFor(blocks * runs, t -> {
                int block = t / runs, run = t % runs;
                GemmBlocked.multiplyPrepacked(run * rowTiles / runs * MR, (run + 1) * rowTiles / runs * MR,
                        block * width, (block + 1) * width, pa, mPadded, pb, 0f, null, 0, c, 0, n);
            });
            long t4 = System.nanoTime();
            long[] tv = new long[7];
            for (int v = 0; v < 7; v++) {
                if (v == 6) {
                    long s0 = System.nanoTime();
                    KernelPool.parallelFor(blocks * runs, t -> {
                        int block = t / runs, run = t % runs;
                        GemmBlocked.multiplyPacked(false, run * rowTiles / runs * MR, (run + 1) * rowTiles / runs * MR, block * width, (block + 1) * width, a, 0, k, pb, 0f, null, 0, c, 0, n, null);
                    });
                    tv[v] = System.nanoTime() - s0;
                    continue;
                }
                boolean smallC = (v & 1) != 0 || v >= 4, sameA = (v & 2) != 0 || v >= 4, oneBlock = v >= 4, oneTask = v == 5;
                long s0 = System.nanoTime();
                KernelPool.parallelFor(oneTask ? 2 : blocks * runs, t -> {
                    int block = oneBlock ? 0 : t / runs, run = t % runs;
                    float[] cs = CS.get();
                    if (oneTask) {
                        for (int rep = 0; rep < 64; rep++) GemmBlocked.multiplyPrepacked(0, 32, 0, width, pa, mPadded, pb, 0f, null, 0, cs, 0, n);
                        return;
                    }
                    for (int ir = run * rowTiles / runs * MR, end = (run + 1) * rowTiles / runs * MR; ir < end; ir += 32) {
                        int i0 = sameA ? 0 : ir;
                        GemmBlocked.multiplyPrepacked(i0, i0 + 32, block * width, (block + 1) * width, pa, mPadded, pb, 0f,
                                null, 0, smallC ? cs : c, smallC ? -i0 * n : (ir - i0) * n, n);
                    }
                });
                tv[v] = System.nanoTime() - s0;
            }
            double fl = 2.0 * m * n * k;
            if (round >= 5) System.out.printf("sgemm %.2f ms (%.0f)  packB %.2f  packA %.2f  compute %.2f (%.0f)  V real %.0f smallC %.0f sameA %.0f both %.0f oneBlock %.0f oneTask %.0f | packA+real %.0f  perTaskPack %.0f%n",
                    (t1 - t0) / 1e6, fl / (t1 - t0), (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, fl / (t4 - t3), fl / tv[0], fl / tv[1], fl / tv[2], fl / tv[3], fl / tv[4], fl / tv[5], fl / (tv[0] + (t3 - t2)), fl / tv[6]);
        }
    }
}
