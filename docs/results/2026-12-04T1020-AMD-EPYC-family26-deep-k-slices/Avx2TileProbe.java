package dev.rnn4j.kernel;
import jdk.incubator.vector.*;
import java.util.*;
public class Avx2TileProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    static final int L = 8;
    static void t42(int kc, float[] a, float[] b, float[] c) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = p * 4, bp = p * 16;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, 0); c01.intoArray(c, 8); c10.intoArray(c, 16); c11.intoArray(c, 24);
        c20.intoArray(c, 32); c21.intoArray(c, 40); c30.intoArray(c, 48); c31.intoArray(c, 56);
    }
    static void t33(int kc, float[] a, float[] b, float[] c) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = p * 3, bp = p * 24;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L), b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
        }
        c00.intoArray(c, 0); c01.intoArray(c, 8); c02.intoArray(c, 16); c10.intoArray(c, 24); c11.intoArray(c, 32);
        c12.intoArray(c, 40); c20.intoArray(c, 48); c21.intoArray(c, 56); c22.intoArray(c, 64);
    }
    static void t25(int kc, float[] a, float[] b, float[] c) {  // 2 rows x 4 vectors: 8 acc
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = p * 2, bp = p * 32;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L), b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
        }
        c00.intoArray(c, 0); c01.intoArray(c, 8); c02.intoArray(c, 16); c03.intoArray(c, 24); c10.intoArray(c, 32);
        c11.intoArray(c, 40); c12.intoArray(c, 48); c13.intoArray(c, 56);
    }
    public static void main(String[] args) {
        int kc = 512;
        Random r = new Random(1);
        float[] a = new float[kc * 4], b = new float[kc * 32], c = new float[128];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat(); for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        int reps = 20000;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime(); for (int i = 0; i < reps; i++) t42(kc, a, b, c);
            long t1 = System.nanoTime(); for (int i = 0; i < reps; i++) t33(kc, a, b, c);
            long t2 = System.nanoTime(); for (int i = 0; i < reps; i++) t25(kc, a, b, c);
            long t3 = System.nanoTime();
            double f = 2.0 * kc * reps;
            if (round > 1) System.out.printf("4x2 %.1f  3x3 %.1f  2x4 %.1f GFLOP/s%n", f * 64 / (t1 - t0), f * 72 / (t2 - t1), f * 64 / (t3 - t2));
        }
    }
}
