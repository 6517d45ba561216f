package dev.rnn4j.kernel;
import java.util.Random;
public class PackShareProbe {
    public static void main(String[] args) {
        int[][] shapes = {{25, 512}, {25, 128}, {32, 2048}, {32, 512}};
        Random r = new Random(1);
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder();
            for (int[] s : shapes) {
                int m = s[0], k = s[1];
                float[] a = new float[m * k], dst = new float[(m + 7) / 8 * 8 * k];
                for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
                int reps = 200000 * 512 / k / (m / 8);
                for (int i = 0; i < reps; i++) GemmPacking.packA(false, a, 0, k, 0, m, 0, k, dst, 0);
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) GemmPacking.packA(false, a, 0, k, 0, m, 0, k, dst, 0);
                double us = (System.nanoTime() - t0) / 1e3 / reps;
                sb.append(String.format("pack %dx%d %.2fus (%.2f ns/el)  ", m, k, us, us * 1e3 / (m * k)));
            }
            System.out.println(sb);
        }
    }
}
