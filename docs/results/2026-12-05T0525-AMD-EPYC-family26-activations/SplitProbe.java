package dev.rnn4j.kernel;
import java.util.Random;
/** Two threads: one recurrent step's product (64 rows, k 512, n 2048, B packed ahead) split by rows or by columns. */
public class SplitProbe {
    public static void main(String[] args) {
        KernelPool.setThreads(2);
        int m = Integer.parseInt(args.length > 0 ? args[0] : "64"), k = Integer.parseInt(args.length > 1 ? args[1] : "512"),
            n = Integer.parseInt(args.length > 2 ? args[2] : "2048"), steps = 50;
        Random r = new Random(1);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n], c2 = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        PackedMatrix p = new PackedMatrix().pack(false, k, n, b, 0, n);
        int half = m / 2, halfN = n / 2;
        Runnable rows = () -> KernelPool.parallelFor(2, t -> GemmBlocked.multiplyPacked(false, t * half, (t + 1) * half, 0, n,
                a, 0, k, p, 0f, null, 0, c, 0, n, null));
        Runnable cols = () -> KernelPool.parallelFor(2, t -> GemmBlocked.multiplyPacked(false, 0, m, t * halfN, (t + 1) * halfN,
                a, 0, k, p, 0f, null, 0, c2, 0, n, null));
        double flops = 2.0 * m * n * k * steps;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) for (int s = 0; s < steps; s++) rows.run();
            double g1 = flops * 20 / (System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) for (int s = 0; s < steps; s++) cols.run();
            double g2 = flops * 20 / (System.nanoTime() - t0);
            System.out.printf("%dx%dx%d rows %.0f  columns %.0f GFLOP/s  same=%b%n", m, k, n, g1, g2, java.util.Arrays.equals(c, c2));
        }
        System.exit(0);
    }
}
