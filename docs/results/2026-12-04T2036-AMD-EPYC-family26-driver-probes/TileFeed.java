import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

public class TileFeed {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int L = 16, NR = 32;

    static void m8(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * 8, bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L); c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L); c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L); c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L); c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
    }

    static void m10(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        FloatVector c80 = c00, c81 = c00, c90 = c00, c91 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * 10, bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, a[ap + 8]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, a[ap + 9]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L); c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L); c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L); c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L); c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
        c80.intoArray(c, ci + 8 * ldc); c81.intoArray(c, ci + 8 * ldc + L); c90.intoArray(c, ci + 9 * ldc); c91.intoArray(c, ci + 9 * ldc + L);
    }

    // one sweep: A block of rows (mr-row panels, depth kc) x B block (nc columns, depth kc), B panel outermost
    static void sweep(int mr, int rows, int nc, int kc, float[] a, float[] b, int bOff, float[] c, int ldc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int bp = bOff + jr * kc;
            for (int ir = 0; ir + mr <= rows; ir += mr) {
                if (mr == 8) m8(kc, a, ir * kc, b, bp, c, ir * ldc + jr, ldc);
                else m10(kc, a, ir * kc, b, bp, c, ir * ldc + jr, ldc);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int kc = Integer.parseInt(args[0]), nc = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int[][] configs = {{8, 32}, {10, 40}, {8, 40}, {10, 30}};
        float[] b = new float[kc * nc + 12];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        int reps = 40;
        for (int round = 0; round < 6; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int[] cfg : configs) {
                int mr = cfg[0], rows = cfg[1];
                double[] gf = new double[threads];
                Thread[] ts = new Thread[threads];
                for (int t = 0; t < threads; t++) {
                    int tt = t;
                    ts[t] = new Thread(() -> {
                        float[] a = new float[rows * kc];
                        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.1f;
                        float[] c = new float[rows * nc];
                        for (int w = 0; w < 3; w++) sweep(mr, rows, nc, kc, a, b, 12, c, nc);
                        long t0 = System.nanoTime();
                        for (int rep = 0; rep < reps; rep++) sweep(mr, rows, nc, kc, a, b, 12, c, nc);
                        long dt = System.nanoTime() - t0;
                        gf[tt] = 2.0 * rows * nc * kc * reps / dt;
                    });
                }
                for (Thread t : ts) t.start();
                for (Thread t : ts) t.join();
                double s = 0; for (double g : gf) s += g;
                line.append(String.format("  %dx2/%d rows %.1f", mr, rows, s));
            }
            System.out.println(line);
        }
    }
}
