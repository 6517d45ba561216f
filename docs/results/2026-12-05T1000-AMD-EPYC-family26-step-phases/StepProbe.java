import dev.rnn4j.kernel.*;
public class StepProbe {
    public static void main(String[] args) {
        KernelPool.setThreads(1);
        int rows = Integer.parseInt(args[0]);
        int[][] shapes = {{128, 512}, {512, 128}, {256, 1024}, {1024, 256}};
        java.util.Random r = new java.util.Random(1);
        for (int round = 0; round < 3; round++)
        for (int[] s : shapes) {
            int k = s[0], n = s[1];
            float[] w = new float[k * n], a = new float[rows * k], c = new float[rows * n];
            for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
            for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
            PackedMatrix p = new PackedMatrix().pack(false, k, n, w, 0, n);
            int iters = 4000;
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < iters; i++) Gemm.sgemm(false, rows, a, 0, k, p, 0f, c, 0, n);
                best = Math.min(best, System.nanoTime() - t0);
            }
            double us = best / 1e3 / iters;
            System.out.printf("rows %d k %d n %d: %.2f us, %.1f GFLOP/s%n", rows, k, n, us, 2.0 * rows * k * n / us / 1e3);
        }
    }
}
