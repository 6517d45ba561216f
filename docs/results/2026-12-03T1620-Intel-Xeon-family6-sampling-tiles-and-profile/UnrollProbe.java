import jdk.incubator.vector.*;
public class UnrollProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), NR = 2 * L;
    static void u1(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * 8, bp = bi + p * NR;
            { FloatVector b0 = FloatVector.fromArray(S, b, bp + 0), b1 = FloatVector.fromArray(S, b, bp + 0 + L), x;
              x = FloatVector.broadcast(S, a[ap + 0]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
              x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
              x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
              x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
              x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
              x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
              x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
              x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            }
        }
        c00.intoArray(c, ci + 0 * ldc + 0 * L);
        c01.intoArray(c, ci + 0 * ldc + 1 * L);
        c10.intoArray(c, ci + 1 * ldc + 0 * L);
        c11.intoArray(c, ci + 1 * ldc + 1 * L);
        c20.intoArray(c, ci + 2 * ldc + 0 * L);
        c21.intoArray(c, ci + 2 * ldc + 1 * L);
        c30.intoArray(c, ci + 3 * ldc + 0 * L);
        c31.intoArray(c, ci + 3 * ldc + 1 * L);
        c40.intoArray(c, ci + 4 * ldc + 0 * L);
        c41.intoArray(c, ci + 4 * ldc + 1 * L);
        c50.intoArray(c, ci + 5 * ldc + 0 * L);
        c51.intoArray(c, ci + 5 * ldc + 1 * L);
        c60.intoArray(c, ci + 6 * ldc + 0 * L);
        c61.intoArray(c, ci + 6 * ldc + 1 * L);
        c70.intoArray(c, ci + 7 * ldc + 0 * L);
        c71.intoArray(c, ci + 7 * ldc + 1 * L);
    }
    static void u2(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            int ap = ai + p * 8, bp = bi + p * NR;
            { FloatVector b0 = FloatVector.fromArray(S, b, bp + 0), b1 = FloatVector.fromArray(S, b, bp + 0 + L), x;
              x = FloatVector.broadcast(S, a[ap + 0]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
              x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
              x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
              x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
              x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
              x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
              x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
              x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            }
            { FloatVector b0 = FloatVector.fromArray(S, b, bp + NR), b1 = FloatVector.fromArray(S, b, bp + NR + L), x;
              x = FloatVector.broadcast(S, a[ap + 8]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
              x = FloatVector.broadcast(S, a[ap + 9]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
              x = FloatVector.broadcast(S, a[ap + 10]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
              x = FloatVector.broadcast(S, a[ap + 11]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
              x = FloatVector.broadcast(S, a[ap + 12]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
              x = FloatVector.broadcast(S, a[ap + 13]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
              x = FloatVector.broadcast(S, a[ap + 14]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
              x = FloatVector.broadcast(S, a[ap + 15]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            }
        }
        for (; p < kc; p++) {
            int ap = ai + p * 8, bp = bi + p * NR;
            { FloatVector b0 = FloatVector.fromArray(S, b, bp + 0), b1 = FloatVector.fromArray(S, b, bp + 0 + L), x;
              x = FloatVector.broadcast(S, a[ap + 0]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
              x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
              x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
              x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
              x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
              x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
              x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
              x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            }
        }
        c00.intoArray(c, ci + 0 * ldc + 0 * L);
        c01.intoArray(c, ci + 0 * ldc + 1 * L);
        c10.intoArray(c, ci + 1 * ldc + 0 * L);
        c11.intoArray(c, ci + 1 * ldc + 1 * L);
        c20.intoArray(c, ci + 2 * ldc + 0 * L);
        c21.intoArray(c, ci + 2 * ldc + 1 * L);
        c30.intoArray(c, ci + 3 * ldc + 0 * L);
        c31.intoArray(c, ci + 3 * ldc + 1 * L);
        c40.intoArray(c, ci + 4 * ldc + 0 * L);
        c41.intoArray(c, ci + 4 * ldc + 1 * L);
        c50.intoArray(c, ci + 5 * ldc + 0 * L);
        c51.intoArray(c, ci + 5 * ldc + 1 * L);
        c60.intoArray(c, ci + 6 * ldc + 0 * L);
        c61.intoArray(c, ci + 6 * ldc + 1 * L);
        c70.intoArray(c, ci + 7 * ldc + 0 * L);
        c71.intoArray(c, ci + 7 * ldc + 1 * L);
    }

    public static void main(String[] args) {
        int kc = Integer.parseInt(args[0]);
        float[] a = new float[8 * kc + 16], b = new float[kc * NR + 16], c = new float[8 * NR];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        int reps = 200_000_000 / (8 * NR * kc) * 4;
        for (int round = 0; round < 8; round++) {
            StringBuilder sb = new StringBuilder();
            for (int v = 0; v < 2; v++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) { if (v == 0) u1(kc, a, 12, b, 12, c, 0, NR); else u2(kc, a, 12, b, 12, c, 0, NR); }
                double s = (System.nanoTime() - t0) / 1e9;
                sb.append(String.format("u%d %.1f  ", v + 1, 2.0 * 8 * NR * kc * reps / s / 1e9));
            }
            if (round > 1) System.out.println(sb);
        }
        System.out.println(c[3]);
    }
}
