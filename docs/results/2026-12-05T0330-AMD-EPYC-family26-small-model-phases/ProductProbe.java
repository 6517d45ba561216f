package dev.rnn4j.kernel;
import java.util.Random;
public class ProductProbe {
    static float[] rnd(Random r, int n) { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian(); return a; }
    interface Body { void run(); }
    static void time(String name, double flops, Body b) {
        for (int t : new int[] {1, 2}) {
            KernelPool.setThreads(t);
            for (int i = 0; i < 200; i++) b.run();
            double best = 1e18, sum = 0; int n = 300;
            for (int i = 0; i < n; i++) { long s = System.nanoTime(); b.run(); long d = System.nanoTime() - s; best = Math.min(best, d); sum += d; }
            System.out.printf("%-12s threads %d: mean %.3f ms (%.0f GFLOP/s) best %.3f ms%n", name, t, sum / n / 1e6, flops / (sum / n), best / 1e6);
        }
    }
    public static void main(String[] args) {
        int M = Integer.parseInt(args[0]), H = Integer.parseInt(args[1]), G = 4 * H, V = 65;
        Random r = new Random(1);
        float[] x = rnd(r, M * H), w = rnd(r, G * H), bias = rnd(r, G), a = new float[M * G], dA = rnd(r, M * G);
        float[] hp = rnd(r, M * H), dWhh = new float[G * H], dWih = new float[G * H], db1 = new float[G], db2 = new float[G];
        float[] dx = new float[M * H], wo = rnd(r, V * H), logits = new float[M * V], dl = rnd(r, M * V), dwo = new float[V * H];
        int[] idx = new int[M]; for (int i = 0; i < M; i++) idx[i] = r.nextInt(V);
        float[] sums = new float[V * G];
        for (int rep = 0; rep < 2; rep++) {
        time("wgrad1", 2.0 * M * G * H, () -> Gemm.sgemmWithColumnSums(false, G, H, M, dA, 0, G, hp, 0, H, 1f, dWhh, 0, H, db1, 0, db2, 0));
        time("rowsByIdx", 2.0 * M * G, () -> Rows.addRowsByIndex(M, G, dA, idx, sums, 0));
        time("projection", 2.0 * M * G * H, () -> Gemm.sgemmPlusRow(false, true, M, G, H, x, 0, H, w, 0, H, bias, 0, a, 0, G));
        time("pair", 4.0 * M * G * H, () -> Gemm.sgemmPairWithColumnSums(G, M, G, dA, 0, G, null, 0, 0, hp, 0, H, dWhh, 0, x, 0, H, dWih, 0, db1, 0, db2, 0));
        time("dx", 2.0 * M * G * H, () -> Gemm.sgemm(false, false, M, H, G, dA, 0, G, w, 0, H, 0f, dx, 0, H));
        time("head fwd", 2.0 * M * V * H, () -> Gemm.sgemmPlusRow(false, true, M, V, H, x, 0, H, wo, 0, H, bias, 0, logits, 0, V));
        time("head dx", 2.0 * M * V * H, () -> Gemm.sgemm(false, false, M, H, V, dl, 0, V, wo, 0, H, 0f, dx, 0, H));
        time("head dW", 2.0 * M * V * H, () -> Gemm.sgemmWithColumnSums(false, V, H, M, dl, 0, V, x, 0, H, 1f, dwo, 0, H, db1, 0, null, 0));
        }
        System.exit(0);
    }
}
