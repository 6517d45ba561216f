package dev.rnn4j.kernel;
import jdk.incubator.vector.*;
import java.util.Random;
public class PackProbe {
    static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256, S16 = FloatVector.SPECIES_512;
    static final int MR = 8;
    static void old(float[] a, int aOff, int lda, int i0, int full, int p0, int kc, float[] dst, int dOff) {
        int ir = 0;
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
        int rows = 3200, G = 2048, kc = 1600, mc = Integer.parseInt(args[0]), off = Integer.parseInt(args[1]);
        float[] dA = new float[rows * G + 16]; Random r = new Random(1); for (int i = 0; i < dA.length; i++) dA[i] = r.nextFloat();
        float[] dst = new float[mc * kc + 64], junk = new float[2 << 20]; // 8 MB to evict between blocks
        for (int round = 0; round < 12; round++) {
            long tOld = 0, tNew = 0;
            for (int side = 0; side < 2; side++) {
                for (int pc = 0; pc < rows; pc += kc) for (int ic = 0; ic + mc <= G; ic += mc) {
                    for (int j = 0; j < junk.length; j += 16) junk[j] += 1f;
                    long t0 = System.nanoTime();
                    if (side == (round & 1)) old(dA, off, G, ic, mc, pc, kc, dst, 0);
                    else old(dA, 12 - off, G, ic, mc, pc, kc, dst, 0);
                    long t = System.nanoTime() - t0;
                    if (side == (round & 1)) tOld += t; else tNew += t;
                }
            }
            double el = (double) (G / mc * mc) * rows;
            System.out.printf("mc %d  old %.3f ns/el  new %.3f ns/el%n", mc, tOld / el, tNew / el);
        }
    }
}
