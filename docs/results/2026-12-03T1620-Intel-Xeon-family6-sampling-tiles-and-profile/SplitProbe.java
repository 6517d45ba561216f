import dev.rnn4j.kernel.*;

/** Per-step recurrent product of a 2x512 LSTM at batch 32 on two threads: rows split (each thread 16 rows x all 2048
 *  gate columns, all of W) against hidden units split (each thread 32 rows x 1024 columns, half of W). */
public class SplitProbe {
    public static void main(String[] args) throws Exception {
        KernelPool.setThreads(1);
        int H = 512, G = 4 * H, B = 32, steps = 100;
        java.util.Random r = new java.util.Random(1);
        float[] w = new float[G * H];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.05f;
        PackedMatrix full = new PackedMatrix().pack(true, H, G, w, 0, H);
        PackedMatrix half0 = new PackedMatrix().pack(true, H, G / 2, w, 0, H);
        PackedMatrix half1 = new PackedMatrix().pack(true, H, G / 2, w, G / 2 * H, H);
        float[][] h = {new float[B * H], new float[B * H]};
        float[][] a = {new float[B * G], new float[B * G]};
        for (float[] x : h) for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int round = 0; round < 8; round++) {
            double[] us = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                final int m = mode;
                Thread[] ts = new Thread[2];
                long t0 = System.nanoTime();
                for (int t = 0; t < 2; t++) {
                    final int id = t;
                    ts[t] = new Thread(() -> {
                        for (int s = 0; s < steps; s++) {
                            if (m == 0) Gemm.sgemm(false, B / 2, h[id], 0, H, full, 1f, a[id], 0, G);
                            else Gemm.sgemm(false, B, h[id], 0, H, id == 0 ? half0 : half1, 1f, a[id], 0, G / 2);
                        }
                    });
                    ts[t].start();
                }
                for (Thread t : ts) t.join();
                us[mode] = (System.nanoTime() - t0) / 1e3 / steps;
            }
            double flops = 2.0 * B * H * G;
            if (round > 1) System.out.printf("rows split %.1f us/step (%.0f GFLOP/s)   hidden split %.1f us/step (%.0f GFLOP/s)   ratio %.3f%n",
                us[0], flops / us[0] / 1e3, us[1], flops / us[1] / 1e3, us[0] / us[1]);
        }
    }
}
