package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** One thread: C[m x nc] = A[m x kc] B[kc x nc] with A in row blocks of mc, B block packed, as GemmBlocked sweeps. */
public class SweepProbe {
    static final int NR = TileProbe.NR;

    public static void main(String[] args) {
        int kc = Integer.parseInt(args[0]), nc = Integer.parseInt(args[1]), m = Integer.parseInt(args[2]);
        int mc8 = Integer.parseInt(args[3]), mc12 = Integer.parseInt(args[4]);
        java.util.Random r = new java.util.Random(1);
        float[] a = new float[m * kc + 64], b = new float[nc * kc + 64], c = new float[m * nc + 64];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        float[] scratch = new float[8 * NR];
        for (int round = 0; round < 10; round++) {
            long s = System.nanoTime();
            for (int ic = 0; ic + mc8 <= m; ic += mc8) {
                for (int jr = 0; jr < nc; jr += NR) {
                    for (int ir = 0; ir < mc8; ir += 8) {
                        GemmMicroKernel.multiply(kc, a, (ic + ir) * kc, b, 12 + jr * kc, c, (ic + ir) * nc + jr, nc, 0f, scratch);
                    }
                }
            }
            double t8 = System.nanoTime() - s;
            s = System.nanoTime();
            for (int ic = 0; ic + mc12 <= m; ic += mc12) {
                for (int jr = 0; jr < nc; jr += NR) {
                    for (int ir = 0; ir < mc12; ir += 12) {
                        TileProbe.m12(kc, a, (ic + ir) * kc, b, 12 + jr * kc, c, (ic + ir) * nc + jr, nc);
                    }
                }
            }
            double t12 = System.nanoTime() - s;
            long m8 = m / mc8 * mc8, m12 = m / mc12 * mc12;
            System.out.printf("8x2 %.1f  12x2 %.1f GFLOP/s%n", 2.0 * m8 * nc * kc / t8, 2.0 * m12 * nc * kc / t12);
        }
    }
}
