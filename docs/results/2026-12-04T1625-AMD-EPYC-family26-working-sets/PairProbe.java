import dev.rnn4j.kernel.Gemm;
import java.util.Random;

public class PairProbe {
    public static void main(String[] args) {
        int G = 2048, P = 512, I = 512, rows = 3200, n = 2048;
        Random r = new Random(1);
        float[] dA = rand(r, rows * G), h = rand(r, rows * P), x = rand(r, rows * I);
        float[] dWhh = new float[G * P], dWih = new float[G * I], dbh = new float[G], dbi = new float[G];
        float[] a = rand(r, n * n), b = rand(r, n * n), c = new float[n * n];
        float[] dx = new float[rows * I], w = rand(r, G * I);
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) Gemm.sgemmPairWithColumnSums(G, rows, G, dA, dA, 0, G, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, dbh, 0, dbi, 0);
            double pair = 5 * 2.0 * G * (P + I) * rows / (System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) Gemm.sgemm(false, false, rows, I, G, dA, 0, G, w, 0, I, 0f, dx, 0, I);
            double dxr = 5 * 2.0 * rows * I * G / (System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) Gemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
            double sg = 5 * 2.0 * n * n * n / (System.nanoTime() - t0);
            System.out.printf("pair %.1f  dx %.1f  sgemm %.1f GFLOP/s%n", pair, dxr, sg);
        }
    }
    static float[] rand(Random r, int n) { float[] v = new float[n]; for (int i = 0; i < n; i++) v[i] = r.nextFloat() - 0.5f; return v; }
}
