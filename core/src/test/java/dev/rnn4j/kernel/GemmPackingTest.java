package dev.rnn4j.kernel;

import org.junit.jupiter.api.Test;

import static dev.rnn4j.kernel.GemmMicroKernel.MR;
import static dev.rnn4j.kernel.GemmMicroKernel.NR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Packed A against its definition, element by element: panel {@code i/MR} at {@code (i/MR)·MR·kc}, element
 * (row r, step p) at {@code p·MR + r}, rows past mc zero. Covers both transposes, the vector path (eight steps or
 * two rows at a time), its scalar tails (odd kc, an odd number of panels) and edge panels, at offsets. Packed B
 * likewise: panel {@code j/NR} at {@code (j/NR)·NR·kc}, element (p, j) at {@code p·NR + j}, columns past nc zero.
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
        float[] packed = new float[expected.length + 8];
        java.util.Arrays.fill(packed, Float.NaN);
        GemmPacking.packA(transA, a, aOff, lda, i0, mc, p0, kc, packed, 3);
        assertWritten(expected, packed, 3, "transA " + transA + ", mc " + mc + ", kc " + kc);
    }

    @Test
    void packedBMatchesItsDefinition() {
        int[] columnCounts = {1, 7, NR - 1, NR, NR + 3, 2 * NR, 3 * NR + 5};
        int[] depths = {1, 7, 8, 9, 16, 17, 64};
        for (boolean transB : new boolean[] {false, true}) {
            for (int nc : columnCounts) {
                for (int kc : depths) checkB(transB, nc, kc);
            }
        }
    }

    private static void checkB(boolean transB, int nc, int kc) {
        int p0 = 3, j0 = 5, bOff = 2;
        int rows = p0 + kc + 1, cols = j0 + nc + 2;                 // op(B) is rows × cols
        int ldb = (transB ? rows : cols) + 3;
        float[] b = new float[bOff + (transB ? cols : rows) * ldb];
        for (int i = 0; i < b.length; i++) b[i] = i + 0.25f;
        int panels = (nc + NR - 1) / NR;
        float[] expected = new float[panels * NR * kc];
        for (int j = 0; j < panels * NR; j++) {
            for (int p = 0; p < kc; p++) {
                int row = p0 + p, col = j0 + j;
                float v = j >= nc ? 0f : transB ? b[bOff + col * ldb + row] : b[bOff + row * ldb + col];
                expected[(j / NR) * NR * kc + p * NR + j % NR] = v;
            }
        }
        float[] packed = new float[expected.length + 8];
        java.util.Arrays.fill(packed, Float.NaN);
        GemmPacking.packB(transB, b, bOff, ldb, p0, kc, j0, nc, packed, 3);
        assertWritten(expected, packed, 3, "transB " + transB + ", nc " + nc + ", kc " + kc);
    }

    /** {@code packed} holds {@code expected} from {@code off} and nothing was written before or after it. */
    private static void assertWritten(float[] expected, float[] packed, int off, String what) {
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(packed, off, off + expected.length), what);
        for (int i = 0; i < off; i++) assertEquals(Float.NaN, packed[i], what + ": written before the offset");
        for (int i = off + expected.length; i < packed.length; i++) {
            assertEquals(Float.NaN, packed[i], what + ": written past the end");
        }
    }
}
