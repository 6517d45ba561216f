package dev.rnn4j.kernel;

import java.util.*;

public class PrefixProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian(); return a; }
    public static void main(String[] args) {
        int T = 50, B = 64, I = 512, G = 2048;
        int[] n = new int[T];
        int[] lengths = new int[B];
        for (int b = 0; b < B; b++) lengths[b] = 50 - (7 * b) % 25;
        long real = 0;
        for (int t = 0; t < T; t++) { for (int b = 0; b < B; b++) if (t < lengths[b]) n[t]++; real += n[t]; }
        float[] x = rnd(T * B * I, 1), w = rnd(G * I, 2), a = new float[T * B * G], bias = rnd(G, 3);
        float[] dA = rnd(T * B * G, 4), dx = new float[T * B * I];
        PackedMatrix pw = new PackedMatrix(), pwb = new PackedMatrix();
        for (int r = 0; r < 14; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) Gemm.sgemmPlusRow(false, true, T * B, G, I, x, 0, I, w, 0, I, bias, 0, a, 0, G);
            double whole = (System.nanoTime() - t0) / 3e6;
            t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                pw.pack(true, I, G, w, 0, I);
                for (int t = 0; t < T; t++) Gemm.sgemmPlusRow(false, n[t], x, t * B * I, I, pw, bias, 0, a, t * B * G, G);
            }
            double prefix = (System.nanoTime() - t0) / 3e6;
            t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) Gemm.sgemm(false, false, T * B, I, G, dA, 0, G, w, 0, I, 0f, dx, 0, I);
            double dxWhole = (System.nanoTime() - t0) / 3e6;
            t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                pwb.pack(false, G, I, w, 0, I);
                for (int t = 0; t < T; t++) Gemm.sgemm(false, n[t], dA, t * B * G, G, pwb, 0f, dx, t * B * I, I);
            }
            double dxPrefix = (System.nanoTime() - t0) / 3e6;
            if (r > 1) System.out.printf("projection whole %.1f ms, per-step prefixes %.1f ms (real rows %.2f) | dx whole %.1f, prefixes %.1f%n", whole, prefix, real / (double) (T * B), dxWhole, dxPrefix);
        }
    }
}
