package dev.rnn4j.kernel;
import java.util.Random;
public class WgradProbe {
    public static void main(String[] args) {
        int M = Integer.parseInt(args[0]), H = Integer.parseInt(args[1]), G = 4 * H;
        Random r = new Random(1);
        float[] dA = new float[M * G], hp = new float[M * H], x = new float[M * H];
        for (int i = 0; i < dA.length; i++) dA[i] = (float) r.nextGaussian();
        for (int i = 0; i < hp.length; i++) { hp[i] = (float) r.nextGaussian(); x[i] = (float) r.nextGaussian(); }
        float[] dW = new float[G * H], dW2 = new float[G * H], db1 = new float[G], db2 = new float[G], c = new float[G * H];
        for (int round = 0; round < 3; round++) {
            for (int threads : new int[] {1, 2}) {
                KernelPool.setThreads(threads);
                int n = 30;
                for (int i = 0; i < 10; i++) Gemm.sgemmWithColumnSums(false, G, H, M, dA, 0, G, hp, 0, H, 1f, dW, 0, H, db1, 0, db2, 0);
                long s = System.nanoTime();
                for (int i = 0; i < n; i++) Gemm.sgemmWithColumnSums(false, G, H, M, dA, 0, G, hp, 0, H, 1f, dW, 0, H, db1, 0, db2, 0);
                double single = (System.nanoTime() - s) / 1e6 / n;
                for (int i = 0; i < 10; i++) Gemm.sgemm(true, false, G, H, M, dA, 0, G, hp, 0, H, 1f, c, 0, H);
                s = System.nanoTime();
                for (int i = 0; i < n; i++) Gemm.sgemm(true, false, G, H, M, dA, 0, G, hp, 0, H, 1f, c, 0, H);
                double plain = (System.nanoTime() - s) / 1e6 / n;
                for (int i = 0; i < 5; i++) Gemm.sgemmPairWithColumnSums(G, M, G, dA, 0, G, null, 0, 0, hp, 0, H, dW, 0, x, 0, H, dW2, 0, db1, 0, db2, 0);
                s = System.nanoTime();
                for (int i = 0; i < n; i++) Gemm.sgemmPairWithColumnSums(G, M, G, dA, 0, G, null, 0, 0, hp, 0, H, dW, 0, x, 0, H, dW2, 0, db1, 0, db2, 0);
                double pair = (System.nanoTime() - s) / 1e6 / n;
                double f = 2.0 * G * H * M;
                System.out.printf("%d x %d threads %d: with sums %.2f ms (%.0f GFLOP/s), plain A^T B %.2f ms (%.0f), pair %.2f ms (%.0f)%n",
                    M, G, threads, single, f / single / 1e6, plain, f / plain / 1e6, pair, 2 * f / pair / 1e6);
            }
        }
        System.exit(0);
    }
}
