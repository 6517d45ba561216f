package dev.rnn4j.kernel;
import java.util.*;
public class RecProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        int B = 64, G = 2048, H = 512, T = 50;
        Random r = new Random(1);
        float[] w = rnd(r, G * H), h = rnd(r, B * H), a = new float[B * G];
        PackedMatrix pw = new PackedMatrix().pack(true, H, G, w, 0, H);   // W_hh^T: k=H, n=G
        float[] wb = rnd(r, G * H), da = rnd(r, B * G), dh = new float[B * H];
        PackedMatrix pwb = new PackedMatrix().pack(false, G, H, wb, 0, H); // backward: k=G, n=H
        double f = 2.0 * B * G * H * T;
        for (int round = 0; round < 10; round++) {
            long[] t = new long[4 * 7];
            for (int i = 0; i < 7; i++) {
                long t0 = System.nanoTime();
                KernelPool.parallelFor(2, q -> { for (int s = 0; s < T; s++) GemmBlocked.multiplyPacked(false, q * 32, q * 32 + 32, 0, G, h, 0, H, pw, 0f, null, 0, a, 0, G, null); });
                long t1 = System.nanoTime();
                for (int s = 0; s < T; s++) Gemm.sgemm(false, B, h, 0, H, pw, 0f, a, 0, G);   // per-step, column split by Gemm
                long t2 = System.nanoTime();
                KernelPool.parallelFor(2, q -> { for (int s = 0; s < T; s++) GemmBlocked.multiplyPacked(false, q * 32, q * 32 + 32, 0, H, da, 0, G, pwb, 0f, null, 0, dh, 0, H, null); });
                long t3 = System.nanoTime();
                for (int s = 0; s < T; s++) Gemm.sgemm(false, B, da, 0, G, pwb, 0f, dh, 0, H);
                long t4 = System.nanoTime();
                t[i] = t1 - t0; t[7 + i] = t2 - t1; t[14 + i] = t3 - t2; t[21 + i] = t4 - t3;
            }
            String[] names = {"fwd rows/thread", "fwd per-step Gemm", "bwd rows/thread", "bwd per-step Gemm"};
            StringBuilder sb = new StringBuilder();
            for (int q = 0; q < 4; q++) { long[] x = Arrays.copyOfRange(t, q * 7, q * 7 + 7); Arrays.sort(x); sb.append(String.format("%s %.0f  ", names[q], f / x[3])); }
            if (round > 1) System.out.println(sb);
        }
    }
}
