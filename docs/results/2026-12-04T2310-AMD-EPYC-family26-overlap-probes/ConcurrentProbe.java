import dev.rnn4j.kernel.*;
import java.util.*;
import java.util.concurrent.*;

public class Probe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian(); return a; }
    // projection-shaped product: 3200 x 2048 x 512
    static final int M = 3200, N = 2048, K = 512;
    static double proj(float[] x, float[] w, float[] c, int reps) {
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) Gemm.sgemm(false, true, M, N, K, x, 0, K, w, 0, K, 0f, c, 0, N);
        return 2.0 * M * N * K * reps / ((System.nanoTime() - t) / 1e9) / 1e9;
    }
    static double steps(float[] h, PackedMatrix p, float[] a, int reps) {
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) for (int s = 0; s < 50; s++) Gemm.sgemm(false, 64, h, (s % 50) * 64 * 512, 512, p, 1f, a, s * 64 * 2048, 2048);
        return 2.0 * 64 * 2048 * 512 * 50 * reps / ((System.nanoTime() - t) / 1e9) / 1e9;
    }
    public static void main(String[] args) throws Exception {
        float[] x1 = rnd(M * K, 1), w1 = rnd(N * K, 2), c1 = new float[M * N];
        float[] x2 = rnd(M * K, 3), w2 = rnd(N * K, 4), c2 = new float[M * N];
        float[] h = rnd(3200 * 512, 5), a = new float[3200 * 2048];
        PackedMatrix p = new PackedMatrix().pack(true, 512, 2048, rnd(2048 * 512, 6), 0, 512);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 8; round++) {
            KernelPool.setThreads(2);
            double both = proj(x1, w1, c1, 4);
            double stepsBoth = steps(h, p, a, 4);
            KernelPool.setThreads(1);
            double one = proj(x1, w1, c1, 4);
            double stepsOne = steps(h, p, a, 4);
            long t0 = System.nanoTime();
            Future<Double> f1 = ex.submit(() -> proj(x1, w1, c1, 4));
            Future<Double> f2 = ex.submit(() -> proj(x2, w2, c2, 4));
            f1.get(); f2.get();
            double cc = 2 * 2.0 * M * N * K * 4 / ((System.nanoTime() - t0) / 1e9) / 1e9;
            Future<Double> g1 = ex.submit(() -> steps(h, p, a, 4));
            Future<Double> g2 = ex.submit(() -> proj(x2, w2, c2, 4));
            double s1 = g1.get(), s2 = g2.get();
            System.out.printf("2thr proj %.0f steps %.0f | 1thr proj %.0f steps %.0f | concurrent proj+proj %.0f | steps %.0f + proj %.0f = %.0f%n",
                both, stepsBoth, one, stepsOne, cc, s1, s2, s1 + s2);
        }
        ex.shutdown();
    }
}
