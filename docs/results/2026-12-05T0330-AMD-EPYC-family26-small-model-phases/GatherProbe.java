package dev.rnn4j.kernel;
import java.util.Random;
public class GatherProbe {
    public static void main(String[] args) {
        int M = Integer.parseInt(args[0]), G = Integer.parseInt(args[1]), V = 65, H = 128;
        Random r = new Random(1);
        float[] table = new float[V * G]; for (int i = 0; i < table.length; i++) table[i] = (float) r.nextGaussian();
        float[] emb = new float[V * H], w = new float[G * H], bias = new float[G];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        int[] idx = new int[M]; for (int i = 0; i < M; i++) idx[i] = r.nextInt(V);
        float[] a = new float[M * G];
        for (int round = 0; round < 3; round++) {
            for (int threads : new int[] {1, 2}) {
                KernelPool.setThreads(threads);
                int n = 300;
                for (int i = 0; i < 100; i++) Rows.gather(M, G, table, 0, idx, a, 0);
                long s = System.nanoTime();
                for (int i = 0; i < n; i++) Rows.gather(M, G, table, 0, idx, a, 0);
                double g = (System.nanoTime() - s) / 1e3 / n;
                for (int i = 0; i < 100; i++) Gemm.sgemmPlusRow(false, true, V, G, H, emb, 0, H, w, 0, H, bias, 0, table, 0, G);
                s = System.nanoTime();
                for (int i = 0; i < n; i++) Gemm.sgemmPlusRow(false, true, V, G, H, emb, 0, H, w, 0, H, bias, 0, table, 0, G);
                double p = (System.nanoTime() - s) / 1e3 / n;
                System.out.printf("%d x %d threads %d: gather %.1f us, table projection %.1f us%n", M, G, threads, g, p);
            }
        }
        System.exit(0);
    }
}
