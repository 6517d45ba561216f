package dev.rnn4j.kernel;
import jdk.incubator.vector.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
public class SegTile {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static void t8x2(int kc, MemorySegment a, long ai, MemorySegment b, long bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        ByteOrder o = ByteOrder.nativeOrder();
        for (int p = 0; p < kc; p++) {
            long ap = ai + p * 32L, bp = bi + p * 128L;
            FloatVector b0 = FloatVector.fromMemorySegment(S, b, bp, o);
            FloatVector b1 = FloatVector.fromMemorySegment(S, b, bp + 64, o);
            FloatVector x = FloatVector.broadcast(S, a.get(ValueLayout.JAVA_FLOAT_UNALIGNED, ap));
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a.get(ValueLayout.JAVA_FLOAT_UNALIGNED, ap + 4));
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a.get(ValueLayout.JAVA_FLOAT_UNALIGNED, ap + 8));
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a.get(ValueLayout.JAVA_FLOAT_UNALIGNED, ap + 12));
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a.get(ValueLayout.JAVA_FLOAT_UNALIGNED, ap + 16));
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a.get(ValueLayout.JAVA_FLOAT_UNALIGNED, ap + 20));
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a.get(ValueLayout.JAVA_FLOAT_UNALIGNED, ap + 24));
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a.get(ValueLayout.JAVA_FLOAT_UNALIGNED, ap + 28));
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + 16); c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + 16);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + 16); c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + 16);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + 16); c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + 16);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + 16); c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + 16);
    }
    public static void main(String[] args) {
        int kc = Integer.parseInt(args[0]); int aPanels = 2, bPanels = 2; long offBytes = Long.parseLong(args[1]);
        MemorySegment a = Arena.global().allocate(aPanels * 8L * kc * 4, 64), b = Arena.global().allocate(bPanels * 32L * kc * 4 + 256, 64);
        for (long i = 0; i < a.byteSize() / 4; i++) a.setAtIndex(ValueLayout.JAVA_FLOAT, i, (i % 7) * 0.01f);
        for (long i = 0; i < b.byteSize() / 4; i++) b.setAtIndex(ValueLayout.JAVA_FLOAT, i, (i % 5) * 0.01f);
        int ldc = bPanels * 32; float[] c = new float[aPanels * 8 * ldc];
        for (int round = 0; round < 7; round++) {
            long tiles = 0; long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 300_000_000L) {
                for (int j = 0; j < bPanels; j++) for (int i = 0; i < aPanels; i++) {
                    t8x2(kc, a, i * 8L * kc * 4, b, j * 32L * kc * 4 + offBytes, c, i * 8 * ldc + j * 32, ldc); tiles++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (round >= 3) System.out.printf("segment t8x2 kc %d off %d bytes: %.1f GFLOP/s%n", kc, offBytes, 2.0 * 8 * 32 * kc * tiles / s / 1e9);
        }
    }
}
