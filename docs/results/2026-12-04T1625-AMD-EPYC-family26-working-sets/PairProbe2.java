import dev.rnn4j.kernel.Gemm;
import java.util.Random;

public class PairProbe2 {
    interface Op { void run(); }
    static double time(Op op, double flops) { long t0 = System.nanoTime(); for (int i = 0; i < 5; i++) op.run(); return 5 * flops / (System.nanoTime() - t0); }
    public static void main(String[] args) {
        int G = 2048, P = 512, I = 512, rows = 3200;
        Random r = new Random(1);
        float[] dA = rand(r, rows * G), h = rand(r, rows * P), x = rand(r, rows * I);
        float[] dWhh = new float[G * P], dWih = new float[G * I], dbh = new float[G], dbi = new float[G];
        for (int round = 0; round < 8; round++) {
            double pair = time(() -> Gemm.sgemmPairWithColumnSums(G, rows, G, dA, dA, 0, G, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, dbh, 0, dbi, 0), 2.0 * G * (P + I) * rows);
            double pairNoSums = time(() -> Gemm.sgemmPairWithColumnSums(G, rows, G, dA, dA, 0, G, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, null, 0, null, 0), 2.0 * G * (P + I) * rows);
            double pair1600 = time(() -> Gemm.sgemmPairWithColumnSums(G, 1600, G, dA, dA, 0, G, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, dbh, 0, dbi, 0), 2.0 * G * (P + I) * 1600);
            double halves = time(() -> { Gemm.sgemmPairWithColumnSums(G, 1600, G, dA, dA, 0, G, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, dbh, 0, dbi, 0);
                Gemm.sgemmPairWithColumnSums(G, 1600, G, dA, dA, 1600 * G, G, h, 1600 * P, P, dWhh, 0, x, 1600 * I, I, dWih, 0, dbh, 0, dbi, 0); }, 2.0 * G * (P + I) * rows);
            double single = time(() -> Gemm.sgemm(true, false, G, P, rows, dA, 0, G, h, 0, P, 1f, dWhh, 0, P), 2.0 * G * P * rows);
            double single1600 = time(() -> Gemm.sgemm(true, false, G, P, 1600, dA, 0, G, h, 0, P, 1f, dWhh, 0, P), 2.0 * G * P * 1600);
            System.out.printf("halves %.1f pair %.1f  noSums %.1f  pair k1600 %.1f  single %.1f  single k1600 %.1f%n", halves, pair, pairNoSums, pair1600, single, single1600);
        }
    }
    static float[] rand(Random r, int n) { float[] v = new float[n]; for (int i = 0; i < n; i++) v[i] = r.nextFloat() - 0.5f; return v; }
}
