package dev.rnn4j.kernel;

import java.util.Arrays;
import java.util.Random;

public class StepProbe {
    interface Op { void run(); }
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        int B = Integer.parseInt(args[0]), G = 2048, P = 512, T = 100;
        Random r = new Random(1);
        float[] w = rnd(r, G * P), h = rnd(r, B * P), dA = rnd(r, T * B * G), a = new float[T * B * G], dh = new float[B * P];
        PackedMatrix fwd = new PackedMatrix().pack(true, P, G, w, 0, P), bwd = new PackedMatrix().pack(false, G, P, w, 0, P);
        int half = B / 2;
        String[] names = {"fwd rows", "fwd cols", "bwd rows", "bwd cols"};
        Op[] ops = {
            () -> KernelPool.parallelFor(2, t -> { for (int s = 0; s < T; s++) GemmBlocked.multiplyPacked(false, t * half, (t + 1) * half, 0, G, h, 0, P, fwd, 0f, a, s * B * G, G); }),
            () -> { for (int s = 0; s < T; s++) Gemm.sgemm(false, B, h, 0, P, fwd, 0f, a, s * B * G, G); },
            () -> KernelPool.parallelFor(2, t -> { for (int s = 0; s < T; s++) GemmBlocked.multiplyPacked(false, t * half, (t + 1) * half, 0, P, dA, s * B * G, G, bwd, 0f, dh, 0, P); }),
            () -> { for (int s = 0; s < T; s++) Gemm.sgemm(false, B, dA, s * B * G, G, bwd, 0f, dh, 0, P); },
        };
        double flop = 2.0 * B * G * P * T;
        for (int round = 0; round < 8; round++) {
            StringBuilder sb = new StringBuilder();
            for (int o = 0; o < ops.length; o++) {
                long[] ts = new long[5];
                for (int i = 0; i < 5; i++) { long t0 = System.nanoTime(); ops[o].run(); ts[i] = System.nanoTime() - t0; }
                Arrays.sort(ts);
                sb.append(String.format("%s %.0f | ", names[o], flop / ts[2]));
            }
            System.out.println(sb);
        }
    }
}
