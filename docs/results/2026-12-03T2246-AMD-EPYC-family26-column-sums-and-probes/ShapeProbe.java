package dev.rnn4j.kernel;

import java.util.Arrays;
import java.util.Random;

public class ShapeProbe {
    interface Op { void run(); }
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        int G = 2048, P = 512, TB = 3200, B = 64, T = 50;
        Random r = new Random(1);
        float[] x = rnd(r, TB * P), w = rnd(r, G * P), dA = rnd(r, TB * G), a = new float[TB * G], dx = new float[TB * P];
        float[] grad = new float[G * P], h = rnd(r, B * P), dh = new float[B * P];
        PackedMatrix fwd = new PackedMatrix().pack(true, P, G, w, 0, P), bwd = new PackedMatrix().pack(false, G, P, w, 0, P);
        String[] names = {"inproj 3200x2048x512", "dx 3200x512x2048", "dW 2048x512x3200", "step fwd 64x2048x512 x50", "step bwd 64x512x2048 x50", "pack W fwd+bwd"};
        double[] flops = {2.0*TB*G*P, 2.0*TB*G*P, 2.0*TB*G*P, 2.0*B*G*P*T, 2.0*B*G*P*T, 2.0*G*P};
        Op[] ops = {
            () -> Gemm.sgemm(false, true, TB, G, P, x, 0, P, w, 0, P, 0f, a, 0, G),
            () -> Gemm.sgemm(false, false, TB, P, G, dA, 0, G, w, 0, P, 0f, dx, 0, P),
            () -> Gemm.sgemm(true, false, G, P, TB, dA, 0, G, x, 0, P, 1f, grad, 0, P),
            () -> { for (int t = 0; t < T; t++) Gemm.sgemm(false, B, h, 0, P, fwd, 0f, a, t * B * G, G); },
            () -> { for (int t = 0; t < T; t++) Gemm.sgemm(false, B, dA, t * B * G, G, bwd, 0f, dh, 0, P); },
            () -> { fwd.pack(true, P, G, w, 0, P); bwd.pack(false, G, P, w, 0, P); },
        };
        for (int round = 0; round < 6; round++) {
            StringBuilder sb = new StringBuilder();
            for (int o = 0; o < ops.length; o++) {
                long[] ts = new long[5];
                for (int i = 0; i < 5; i++) { long t0 = System.nanoTime(); ops[o].run(); ts[i] = System.nanoTime() - t0; }
                Arrays.sort(ts);
                sb.append(String.format("%s: %.0f GF/s %.2f ms | ", names[o], flops[o] / ts[2], ts[2] / 1e6));
            }
            System.out.println(sb);
        }
    }
}
