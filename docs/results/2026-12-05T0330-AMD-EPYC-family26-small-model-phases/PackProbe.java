package dev.rnn4j.kernel;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import static dev.rnn4j.kernel.GemmMicroKernel.MR;
public class PackProbe {
    static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256, S16 = FloatVector.SPECIES_512;
    /** All full panels of the block in one pass down k: each row's floats of the block read once, in order. */
    static void packOnePass(float[] a, int aOff, int lda, int i0, int full, int p0, int kc, float[] dst, int dOff) {
        int pairs = full / (2 * MR);
        for (int q = 0; q < kc; q++) {
            int src = aOff + (p0 + q) * lda + i0, d = dOff + q * MR;
            for (int pr = 0; pr < pairs; pr++) {
                FloatVector both = FloatVector.fromArray(S16, a, src + pr * 2 * MR);
                ((FloatVector) both.reinterpretShape(S8, 0)).intoArray(dst, d + 2 * pr * MR * kc);
                ((FloatVector) both.reinterpretShape(S8, 1)).intoArray(dst, d + (2 * pr + 1) * MR * kc);
            }
            if (pairs * 2 * MR < full) System.arraycopy(a, src + pairs * 2 * MR, dst, d + 2 * pairs * MR * kc, MR);
        }
    }
    /** Two panel pairs (32 floats, two lines of a row) at a time down k. */
    static void packQuads(float[] a, int aOff, int lda, int i0, int full, int p0, int kc, float[] dst, int dOff) {
        int ir = 0;
        for (; ir + 4 * MR <= full; ir += 4 * MR) {
            int src = aOff + p0 * lda + i0 + ir;
            for (int q = 0, d = dOff + ir * kc; q < kc; q++, src += lda, d += MR) {
                FloatVector x = FloatVector.fromArray(S16, a, src), y = FloatVector.fromArray(S16, a, src + 2 * MR);
                ((FloatVector) x.reinterpretShape(S8, 0)).intoArray(dst, d);
                ((FloatVector) x.reinterpretShape(S8, 1)).intoArray(dst, d + MR * kc);
                ((FloatVector) y.reinterpretShape(S8, 0)).intoArray(dst, d + 2 * MR * kc);
                ((FloatVector) y.reinterpretShape(S8, 1)).intoArray(dst, d + 3 * MR * kc);
            }
        }
        for (; ir + 2 * MR <= full; ir += 2 * MR) {
            int src = aOff + p0 * lda + i0 + ir;
            for (int q = 0, d = dOff + ir * kc; q < kc; q++, src += lda, d += MR) {
                FloatVector both = FloatVector.fromArray(S16, a, src);
                ((FloatVector) both.reinterpretShape(S8, 0)).intoArray(dst, d);
                ((FloatVector) both.reinterpretShape(S8, 1)).intoArray(dst, d + MR * kc);
            }
        }
        if (ir < full) {
            int src = aOff + p0 * lda + i0 + ir;
            for (int q = 0, d = dOff + ir * kc; q < kc; q++, src += lda, d += MR) System.arraycopy(a, src, dst, d, MR);
        }
    }
    public static void main(String[] args) {
        int k = Integer.parseInt(args[0]), m = Integer.parseInt(args[1]), mc = Integer.parseInt(args[2]);
        int kc = GemmBlocked.sliceDepth(k);
        Random r = new Random(1);
        float[] a = new float[k * m + 64];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        float[] dst = new float[mc * kc], ref = new float[mc * kc];
        for (int round = 0; round < 5; round++) {
            double[] t = new double[3];
            for (int v = 0; v < 3; v++) {
                long s = System.nanoTime(); long n = 0;
                for (int rep = 0; rep < 3; rep++)
                for (int pc = 0; pc < k; pc += kc) for (int i0 = 0; i0 + mc <= m; i0 += mc) {
                    if (v == 0) GemmPacking.packA(true, a, 0, m, i0, mc, pc, kc, dst, 0);
                    else if (v == 1) packQuads(a, 0, m, i0, mc / MR * MR, pc, kc, dst, 0);
                    else packOnePass(a, 0, m, i0, mc / MR * MR, pc, kc, dst, 0);
                    n += (long) mc * kc;
                }
                t[v] = (System.nanoTime() - s) / (double) n;
            }
            // check the variants pack the same
            GemmPacking.packA(true, a, 0, m, 0, mc, 0, kc, ref, 0);
            packQuads(a, 0, m, 0, mc, 0, kc, dst, 0);
            boolean q = java.util.Arrays.equals(ref, dst);
            packOnePass(a, 0, m, 0, mc, 0, kc, dst, 0);
            boolean o = java.util.Arrays.equals(ref, dst);
            System.out.printf("k %d m %d mc %d: ns/element built %.3f  quads %.3f  one pass %.3f  (same: %b %b)%n", k, m, mc, t[0], t[1], t[2], q, o);
        }
        System.exit(0);
    }
}
