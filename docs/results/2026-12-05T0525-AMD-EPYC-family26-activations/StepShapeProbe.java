package dev.rnn4j.kernel;
import java.util.Random;
/** One thread: a time loop's per-step product at the small model's shapes, B packed ahead (GFLOP/s). */
public class StepShapeProbe {
    public static void main(String[] args) {
        KernelPool.setThreads(1);
        int[][] shapes = {{25, 128, 512}, {25, 512, 128}, {50, 128, 512}, {50, 512, 128}, {32, 512, 2048}, {32, 2048, 512}};
        Random r = new Random(1);
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder();
            for (int[] s : shapes) {
                int m = s[0], k = s[1], n = s[2];
                float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
                for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
                for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
                PackedMatrix p = new PackedMatrix().pack(false, k, n, b, 0, n);
                int reps = (int) Math.max(50, 2e9 / (2.0 * m * n * k));
                for (int i = 0; i < reps; i++) Gemm.sgemm(false, m, a, 0, k, p, 0f, c, 0, n);
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) Gemm.sgemm(false, m, a, 0, k, p, 0f, c, 0, n);
                double us = (System.nanoTime() - t0) / 1e3 / reps;
                sb.append(String.format("%dx%dx%d %.1fus %.0f  ", m, k, n, us, 2.0 * m * n * k / us / 1e3));
            }
            System.out.println(sb);
        }
        System.exit(0);
    }
}
