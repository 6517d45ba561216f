package dev.rnn4j.kernel;
import java.util.Random;
public class KcProbe {
    static double run(int m, int n, int k, boolean transB, float[] a, float[] b, float[] c, int reps) {
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) GemmBlockedK.multiply(false, transB, 0, m, 0, n, k, a, 0, k, b, 0, transB ? k : n, 0f, c, 0, n);
        return 2.0 * m * n * k * reps / ((System.nanoTime() - start) / 1e9) / 1e9;
    }
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]), n = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]), reps = Integer.parseInt(args[3]);
        int[] kcs = {18, 36, 9, 27};
        Random r = new Random(1);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        double[][] res = new double[kcs.length][12];
        for (int round = 0; round < 14; round++) {
            for (int v = 0; v < kcs.length; v++) {
                GemmBlockedK.MC = kcs[v] * 8;
                double g = run(m, n, k, args.length > 4, a, b, c, reps);
                if (round >= 2) res[v][round - 2] = g;
            }
        }
        for (int v = 0; v < kcs.length; v++) {
            java.util.Arrays.sort(res[v]);
            System.out.printf("MC %d: median %.1f  [%.1f - %.1f]%n", kcs[v], res[v][6], res[v][0], res[v][11]);
        }
    }
}
