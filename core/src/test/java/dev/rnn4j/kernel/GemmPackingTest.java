package dev.rnn4j.kernel;

import org.junit.jupiter.api.Test;

import static dev.rnn4j.kernel.GemmMicroKernel.MR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Packed A against its definition, element by element: panel {@code i/MR} at {@code (i/MR)·MR·kc}, element
 * (row r, step p) at {@code p·MR + r}, rows past mc zero. Covers both transposes, the vector path (eight steps or
 * two rows at a time), its scalar tails (odd kc, an odd number of panels) and edge panels, at offsets.
 */
class GemmPackingTest {
    @Test
    void packedAMatchesItsDefinition() {
        int[] rowCounts = {1, 3, 4, 5, 8, 12, 13, 16, 72};
        int[] depths = {1, 2, 7, 8, 9, 17, 64};
        for (boolean transA : new boolean[] {false, true}) {
            for (int mc : rowCounts) {
                for (int kc : depths) check(transA, mc, kc);
            }
        }
    }

    private static void check(boolean transA, int mc, int kc) {
        int i0 = 3, p0 = 5, aOff = 2;
        int rows = i0 + mc + 1, cols = p0 + kc + 2;                 // op(A) is rows × cols
        int lda = (transA ? rows : cols) + 3;
        float[] a = new float[aOff + (transA ? cols : rows) * lda];
        for (int i = 0; i < a.length; i++) a[i] = i + 0.5f;
        int panels = (mc + MR - 1) / MR;
        float[] expected = new float[panels * MR * kc];
        for (int i = 0; i < panels * MR; i++) {
            for (int p = 0; p < kc; p++) {
                int row = i0 + i, col = p0 + p;
                float v = i >= mc ? 0f : transA ? a[aOff + col * lda + row] : a[aOff + row * lda + col];
                expected[(i / MR) * MR * kc + p * MR + i % MR] = v;
            }
        }
        float[] packed = new float[expected.length + 5];
        java.util.Arrays.fill(packed, Float.NaN);
        GemmPacking.packA(transA, a, aOff, lda, i0, mc, p0, kc, packed);
        float[] head = java.util.Arrays.copyOf(packed, expected.length);
        assertArrayEquals(expected, head, "transA " + transA + ", mc " + mc + ", kc " + kc);
    }
}
