package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import java.util.*;

public class TileProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), NR = 2 * L;

    static void unrolled(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            int ap = ai + p * 8, bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            b0 = FloatVector.fromArray(S, b, bp + NR);
            b1 = FloatVector.fromArray(S, b, bp + NR + L);
            x = FloatVector.broadcast(S, a[ap + 8]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 9]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 10]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 11]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 12]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 13]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + 14]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + 15]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        for (; p < kc; p++) {
            int ap = ai + p * 8, bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L);
        c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
    }

    public static void main(String[] args) {
        int kc = Integer.parseInt(args[0]);
        Random r = new Random(1);
        float[] a = new float[8 * kc + 64], b = new float[kc * NR + 64], c = new float[8 * NR], c2 = new float[8 * NR], scratch = new float[8 * NR];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        int reps = 20_000_000 / kc;
        double flop = 2.0 * 8 * NR * kc * reps;
        // C tiles spread over 64 MB (rows 2048 floats apart, as in sgemm 2048), visited in order like a sweep
        int ldc = 2048;
        float[] big = new float[ldc * 8 * 1024];
        int tiles = big.length / (8 * ldc) * (ldc / NR);
        for (int round = 0; round < 6; round++) {
            long s0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                int t = i % tiles, row = t / (ldc / NR), col = t % (ldc / NR);
                GemmMicroKernel.multiply(kc, a, 0, b, 12, big, row * 8 * ldc + col * NR, ldc, 1f, scratch);
            }
            long s1 = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmMicroKernel.multiply(kc, a, 0, b, 12, c, 0, NR, 1f, scratch);
            long s2 = System.nanoTime();
            if (round > 1) System.out.printf("kc %d beta 1: C far %.1f  C in L1 %.1f%n", kc, flop / (s1 - s0), flop / (s2 - s1));
        }
        float[] aBlock = new float[18 * 8 * kc], bBlock = new float[64 * kc * NR + 12];
        for (int i = 0; i < aBlock.length; i++) aBlock[i] = r.nextFloat();
        for (int i = 0; i < bBlock.length; i++) bBlock[i] = r.nextFloat();
        for (int round = 0; round < 6; round++) {
            long s0 = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmMicroKernel.multiply(kc, aBlock, (i % 18) * 8 * kc, b, 12, c, 0, NR, 0f, scratch);
            long s1 = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmMicroKernel.multiply(kc, a, 0, bBlock, 12 + ((i / 18) % 64) * kc * NR, c, 0, NR, 0f, scratch);
            long s2 = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmMicroKernel.multiply(kc, aBlock, (i % 18) * 8 * kc, bBlock, 12 + ((i / 18) % 64) * kc * NR, c, 0, NR, 0f, scratch);
            long s3 = System.nanoTime();
            if (round > 1) System.out.printf("kc %d: A cycling 18 panels (L2) %.1f | B new panel every 18 tiles (L3) %.1f | both %.1f%n", kc, flop / (s1 - s0), flop / (s2 - s1), flop / (s3 - s2));
        }
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) GemmMicroKernel.multiply(kc, a, 0, b, 12, c, 0, NR, 0f, scratch);
            long t1 = System.nanoTime();
            for (int i = 0; i < reps; i++) unrolled(kc, a, 0, b, 12, c2, 0, NR);
            long t2 = System.nanoTime();
            if (!Arrays.equals(c, c2)) System.out.println("DIFFERENT BITS");
            if (round > 1) System.out.printf("kc %d: current %.1f  unrolled x2 %.1f GFLOP/s (one core)%n", kc, flop / (t1 - t0), flop / (t2 - t1));
        }
    }
}
