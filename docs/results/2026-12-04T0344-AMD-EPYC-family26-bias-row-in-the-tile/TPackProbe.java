package dev.rnn4j.kernel;

import java.util.*;
import jdk.incubator.vector.*;

/** The pair's packing of dAᵀ blocks (MC G-columns × kc rows of a rows × G array), one thread, the array cold
 *  (another 64 MB touched between runs): GemmPacking.packA(transposed) against a two-phase pack that first copies
 *  the block's rows (576 bytes each, in order) into a contiguous buffer, then packs from there. */
public class TPackProbe {
    static final int MR = GemmMicroKernel.MR, MC = GemmBlocked.MC;
    static final VectorSpecies<Float> S16 = FloatVector.SPECIES_512, S8 = FloatVector.SPECIES_256;
    static float sink;

    static void twoPhase(float[] a, int lda, int i0, int mc, int p0, int kc, float[] tmp, float[] dst) {
        for (int q = 0; q < kc; q++) System.arraycopy(a, (p0 + q) * lda + i0, tmp, q * mc, mc);
        GemmPacking.packA(true, tmp, 0, mc, 0, mc, 0, kc, dst, 0);
    }

    public static void main(String[] args) {
        int rows = 3200, G = 2048, depth = GemmBlocked.sliceDepth(rows);
        Random r = new Random(1);
        float[] dA = new float[rows * G];
        for (int i = 0; i < dA.length; i++) dA[i] = r.nextFloat();
        float[] junk = new float[16 << 20];
        float[] dst1 = new float[MC * depth], dst2 = new float[MC * depth], tmp = new float[MC * depth];
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            long t1 = 0, t2 = 0;
            for (int rep = 0; rep < 2; rep++) {
                for (int i = 0; i < junk.length; i += 16) junk[i] += 1f;
                long s = System.nanoTime();
                for (int ic = 0; ic < G; ic += MC) for (int pc = 0; pc < rows; pc += depth) {
                    GemmPacking.packA(true, dA, 0, G, ic, Math.min(MC, G - ic), pc, Math.min(depth, rows - pc), dst1, 0);
                    sink += dst1[7];
                }
                t1 += System.nanoTime() - s;
                for (int i = 0; i < junk.length; i += 16) junk[i] += 1f;
                s = System.nanoTime();
                for (int ic = 0; ic < G; ic += MC) for (int pc = 0; pc < rows; pc += depth) {
                    twoPhase(dA, G, ic, Math.min(MC, G - ic), pc, Math.min(depth, rows - pc), tmp, dst2);
                    sink += dst2[7];
                }
                t2 += System.nanoTime() - s;
            }
            double ratio = (double) t1 / t2;
            if (round > 0) { ratios.add(ratio); System.out.printf("packA %.2f ms (%.2f ns/elem)  two-phase %.2f ms (%.2f ns/elem)  %.3f%n", t1 / 2e6, t1 / 2.0 / dA.length, t2 / 2e6, t2 / 2.0 / dA.length, ratio); }
        }
        Collections.sort(ratios);
        System.out.printf("median %.3f [%.3f-%.3f] %f%n", ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1), sink);
    }
}
