package dev.rnn4j.kernel;
import java.util.Random;
public class ByIndexProbe {
    static void byRange(int rows, int n, float[] src, int[] index, float[] dst, int dstOff, int[] counts) {
        int d = 0;
        for (int r = 0; r < rows; r++) d = Math.max(d, index[r] + 1);
        java.util.Arrays.fill(counts, 0, d, 0);
        for (int r = 0; r < rows; r++) counts[index[r]]++;
        int parts = 2;
        int split = 0, seen = 0;
        while (split < d && seen + counts[split] <= rows / 2) seen += counts[split++];
        final int mid = Math.max(1, split);
        final int dd = d;
        KernelPool.parallelFor(parts, t -> {
            int lo = t == 0 ? 0 : mid, hi = t == 0 ? mid : dd;
            for (int r = 0; r < rows; r++) {
                int i = index[r];
                if (i >= lo && i < hi) Rows.add(n, src, r * n, dst, dstOff + i * n);
            }
        });
    }
    public static void main(String[] args) {
        int M = Integer.parseInt(args[0]), G = Integer.parseInt(args[1]), V = 65;
        Random r = new Random(1);
        float[] dA = new float[M * G]; for (int i = 0; i < dA.length; i++) dA[i] = (float) r.nextGaussian();
        int[] idx = new int[M]; for (int i = 0; i < M; i++) idx[i] = r.nextInt(V);
        float[] sums = new float[V * G], sums2 = new float[V * G];
        int[] counts = new int[V];
        for (int round = 0; round < 3; round++) {
            for (int threads : new int[] {1, 2}) {
                KernelPool.setThreads(threads);
                for (int i = 0; i < 200; i++) Rows.addRowsByIndex(M, G, dA, idx, sums, 0);
                long s = System.nanoTime(); int n = 300;
                for (int i = 0; i < n; i++) Rows.addRowsByIndex(M, G, dA, idx, sums, 0);
                double cols = (System.nanoTime() - s) / 1e3 / n;
                for (int i = 0; i < 200; i++) byRange(M, G, dA, idx, sums2, 0, counts);
                s = System.nanoTime();
                for (int i = 0; i < n; i++) byRange(M, G, dA, idx, sums2, 0, counts);
                double range = (System.nanoTime() - s) / 1e3 / n;
                System.out.printf("%d x %d threads %d: column split %.1f us, destination ranges %.1f us%n", M, G, threads, cols, range);
            }
        }
        System.exit(0);
    }
}
