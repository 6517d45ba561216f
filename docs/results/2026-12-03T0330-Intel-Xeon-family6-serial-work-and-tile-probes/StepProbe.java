import dev.rnn4j.kernel.*;
public class StepProbe {
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        float[] a = new float[m * k], w = new float[n * k], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.01f;
        for (int i = 0; i < w.length; i++) w[i] = (i % 5) * 0.01f;
        PackedMatrix pw = new PackedMatrix().pack(true, k, n, w, 0, k);
        for (int threads : new int[] {1, 2}) {
            KernelPool.setThreads(threads);
            for (int round = 0; round < 6; round++) {
                int reps = 4000;
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) Gemm.sgemm(false, m, a, 0, k, pw, 0f, c, 0, n);
                double s = (System.nanoTime() - t0) / 1e9;
                if (round >= 2) System.out.printf("m %d k %d n %d threads %d: %.1f GFLOP/s, %.2f us/call%n", m, k, n, threads, 2.0 * m * n * k * reps / s / 1e9, s / reps * 1e6);
            }
        }
        System.exit(0);
    }
}
