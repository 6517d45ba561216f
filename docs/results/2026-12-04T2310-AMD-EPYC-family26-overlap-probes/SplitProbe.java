package dev.rnn4j.kernel;

import java.util.*;
import java.util.concurrent.*;

public class SplitProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian(); return a; }
    static final int M = 3200, N = 2048, K = 512;
    static final double FL = 2.0 * M * N * K;
    interface Run { void run(); }
    static double time(Run r, int reps, double flopsPerRep) {
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) r.run();
        return flopsPerRep * reps / ((System.nanoTime() - t) / 1e9) / 1e9;
    }
    static void split(PackedMatrix p, float[] x, float[] c, int tasks) {
        int rowTiles = M / GemmMicroKernel.MR;
        KernelPool.parallelFor(tasks, t -> GemmBlocked.multiplyPacked(false, rowTiles * t / tasks * GemmMicroKernel.MR,
                rowTiles * (t + 1) / tasks * GemmMicroKernel.MR, 0, N, x, 0, K, p, 0f, null, 0, c, 0, N, null));
    }
    public static void main(String[] args) throws Exception {
        float[] x1 = rnd(M * K, 1), w1 = rnd(N * K, 2), c1 = new float[M * N];
        float[] x2 = rnd(M * K, 3), w2 = rnd(N * K, 4), c2 = new float[M * N];
        PackedMatrix p1 = new PackedMatrix().pack(true, K, N, w1, 0, K);
        PackedMatrix p2 = new PackedMatrix().pack(true, K, N, w2, 0, K);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 12; round++) {
            KernelPool.setThreads(2);
            double a = time(() -> Gemm.sgemm(false, true, M, N, K, x1, 0, K, w1, 0, K, 0f, c1, 0, N), 4, FL);
            double b2 = time(() -> split(p1, x1, c1, 2), 4, FL);
            double b8 = time(() -> split(p1, x1, c1, 8), 4, FL);
            double b22 = time(() -> split(p1, x1, c1, 22), 4, FL);
            KernelPool.setThreads(1);
            long t0 = System.nanoTime();
            Future<?> f1 = ex.submit(() -> { for (int i = 0; i < 4; i++) GemmBlocked.multiplyPacked(false, 0, M, 0, N, x1, 0, K, p1, 0f, null, 0, c1, 0, N, null); });
            Future<?> f2 = ex.submit(() -> { for (int i = 0; i < 4; i++) GemmBlocked.multiplyPacked(false, 0, M, 0, N, x2, 0, K, p2, 0f, null, 0, c2, 0, N, null); });
            f1.get(); f2.get();
            double ind = 8 * FL / ((System.nanoTime() - t0) / 1e9) / 1e9;
            t0 = System.nanoTime();
            f1 = ex.submit(() -> { for (int i = 0; i < 4; i++) GemmBlocked.multiplyPacked(false, 0, M, 0, N, x1, 0, K, p1, 0f, null, 0, c1, 0, N, null); });
            f2 = ex.submit(() -> { for (int i = 0; i < 4; i++) GemmBlocked.multiplyPacked(false, 0, M, 0, N, x2, 0, K, p1, 0f, null, 0, c2, 0, N, null); });
            f1.get(); f2.get();
            double indShared = 8 * FL / ((System.nanoTime() - t0) / 1e9) / 1e9;
            if (round > 1) System.out.printf("sgemm %.0f | packed split 2: %.0f 8: %.0f 22: %.0f | independent %.0f, same B %.0f%n", a, b2, b8, b22, ind, indShared);
        }
        ex.shutdown();
    }
}
