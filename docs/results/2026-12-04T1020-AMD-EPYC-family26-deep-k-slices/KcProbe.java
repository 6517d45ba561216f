package dev.rnn4j.kernel;
import java.util.*;
public class KcProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    public static void main(String[] args) {
        int n = 2048, m = 2048;
        Random r = new Random(1);
        int[] ks = {128, 256, 384, 512};
        float[] c = new float[m * n];
        float[][] as = new float[ks.length][], bs = new float[ks.length][];
        PackedMatrix[] pbs = new PackedMatrix[ks.length];
        for (int i = 0; i < ks.length; i++) { as[i] = rnd(r, m * ks[i]); bs[i] = rnd(r, ks[i] * n); pbs[i] = new PackedMatrix().pack(false, ks[i], n, bs[i], 0, n); }
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            StringBuilder sb = new StringBuilder();
            for (int q = 0; q < ks.length; q++) {
                int k = ks[q];
                long[] t = new long[9];
                for (int i = 0; i < t.length; i++) {
                    long t0 = System.nanoTime();
                    Gemm.sgemm(false, m, as[q], 0, k, pbs[q], 0f, c, 0, n);
                    t[i] = System.nanoTime() - t0;
                }
                Arrays.sort(t);
                sb.append(String.format("k %d %.0f  ", k, 2.0 * m * n * k / t[4]));
            }
            if (round > 0) System.out.println(sb);
        }
    }
}
