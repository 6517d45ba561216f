package dev.rnn4j.kernel;
import java.util.Random;
public class PoolProbe {
    public static void main(String[] args) {
        int M = 2500, G = 512, V = 65;
        Random r = new Random(1);
        float[] dA = new float[M * G]; for (int i = 0; i < dA.length; i++) dA[i] = (float) r.nextGaussian();
        int[] idx = new int[M]; for (int i = 0; i < M; i++) idx[i] = r.nextInt(V);
        float[] sums = new float[V * G];
        for (int round = 0; round < 3; round++) {
            for (int threads : new int[] {1, 2}) {
                KernelPool.setThreads(threads);
                for (int i = 0; i < 500; i++) KernelPool.parallelFor(2, t -> {});
                long s = System.nanoTime(); int n = 2000;
                for (int i = 0; i < n; i++) KernelPool.parallelFor(2, t -> {});
                double empty = (System.nanoTime() - s) / 1e3 / n;
                for (int i = 0; i < 200; i++) Rows.addRowsByIndex(M, G, dA, idx, sums, 0);
                s = System.nanoTime(); n = 300;
                for (int i = 0; i < n; i++) Rows.addRowsByIndex(M, G, dA, idx, sums, 0);
                double rows = (System.nanoTime() - s) / 1e3 / n;
                // one half only, inline: what each thread's share costs alone
                s = System.nanoTime();
                for (int i = 0; i < n; i++) for (int q = 0; q < M; q++) Rows.add(256, dA, q * G + 256, sums, idx[q] * G + 256);
                double half = (System.nanoTime() - s) / 1e3 / n;
                System.out.printf("threads %d: empty parallelFor %.2f us, addRowsByIndex %.1f us, one half inline %.1f us%n", threads, empty, rows, half);
            }
        }
        System.exit(0);
    }
}
