package dev.rnn4j.kernel;
import java.util.Random;
public class StepProbe {
    public static void main(String[] args) {
        int B = Integer.parseInt(args[0]), H = Integer.parseInt(args[1]), G = 4 * H, T = 50;
        KernelPool.setThreads(1);
        Random r = new Random(1);
        float[] w = new float[G * H]; for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.1f;
        float[] h = new float[B * H]; for (int i = 0; i < h.length; i++) h[i] = (float) r.nextGaussian() * 0.1f;
        float[] a = new float[T * B * G]; for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        float[] prod = new float[B * G], cs = new float[B * H], tanhC = new float[T * B * H], hOut = new float[B * H];
        PackedMatrix p = new PackedMatrix(); p.pack(true, H, G, w, 0, H);
        for (int round = 0; round < 8; round++) {
            long tg = 0, ta = 0, tf = 0; int reps = 400;
            for (int rep = 0; rep < reps; rep++) {
                for (int t = 0; t < T; t++) {
                    long s0 = System.nanoTime();
                    Gemm.sgemm(false, B, h, 0, H, p, 0f, prod, 0, G);
                    long s1 = System.nanoTime();
                    Rows.add(B * G, prod, 0, a, t * B * G);
                    long s2 = System.nanoTime();
                    for (int b = 0; b < B; b++) LstmGates.forward(H, a, (t * B + b) * G, cs, b * H, hOut, b * H, tanhC, (t * B + b) * H);
                    long s3 = System.nanoTime();
                    tg += s1 - s0; ta += s2 - s1; tf += s3 - s2;
                }
            }
            double n = reps * T;
            System.out.printf("B %d H %d: gemm %.2f us (%.1f GFLOP/s)  add %.2f us  gates %.2f us%n", B, H, tg / n / 1e3,
                2.0 * B * G * H / (tg / n), ta / n / 1e3, tf / n / 1e3);
        }
    }
}
