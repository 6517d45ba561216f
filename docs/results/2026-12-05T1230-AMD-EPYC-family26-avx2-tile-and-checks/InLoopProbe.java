import dev.rnn4j.kernel.*;
import java.util.*;

/** Small model layer 2, one thread's share (25 rows, 50 steps): projection before the loop + add, or in the loop. */
public class InLoopProbe {
    static final int R = 25, T = 50, I = 128, P = 128, G = 512, B = 50;
    public static void main(String[] args) {
        KernelPool.setThreads(1);
        Random rnd = new Random(1);
        float[] wih = rand(rnd, G * I), whh = rand(rnd, G * P), bias = rand(rnd, G);
        float[] x = rand(rnd, B * T * I), h = rand(rnd, R * P);
        float[] proj = new float[B * T * G], a = new float[B * T * G], product = new float[R * G];
        PackedMatrix pih = new PackedMatrix().pack(true, I, G, wih, 0, I);
        PackedMatrix phh = new PackedMatrix().pack(true, P, G, whh, 0, P);
        for (int round = 0; round < 40; round++) {
            // A: this thread's half of the projection GEMM (1,250 rows), then per step product + add
            long t0 = System.nanoTime();
            Gemm.sgemmPlusRow(false, B * T / 2, x, 0, I, pih, bias, 0, proj, 0, G);
            long t1 = System.nanoTime();
            for (int t = 0; t < T; t++) {
                Gemm.sgemm(false, R, h, 0, P, phh, 0f, product, 0, G);
                for (int b = 0; b < R; b++) {
                    int row = t * B + b;
                    Rows.sum(G, proj, row * G, product, b * G, a, row * G);
                }
            }
            long t2 = System.nanoTime();
            // B: per step x rows · W_ihᵀ + bias, then += h · W_hhᵀ
            for (int t = 0; t < T; t++) {
                int row = t * B;
                Gemm.sgemmPlusRow(false, R, x, row * I, I, pih, bias, 0, a, row * G, G);
                Gemm.sgemm(false, R, h, 0, P, phh, 1f, a, row * G, G);
            }
            long t3 = System.nanoTime();
            if (round >= 20) System.out.printf("A: projection %.0f us + loop %.0f us = %.0f   B: loop %.0f us%n",
                    (t1 - t0) / 1e3, (t2 - t1) / 1e3, (t2 - t0) / 1e3, (t3 - t2) / 1e3);
        }
    }
    static float[] rand(Random r, int n) { float[] f = new float[n]; for (int i = 0; i < n; i++) f[i] = (float) r.nextGaussian() * 0.1f; return f; }
}
