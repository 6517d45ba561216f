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
        int i0 = 3, p0 = 5;
        Stored a = Stored.of(transA, i0 + mc + 1, p0 + kc + 2);         // op(A) is rows × cols
        float[] expected = panels(MR, mc, kc, (i, p) -> a.get(i0 + i, p0 + p));
        float[] packed = unwritten(expected.length + 8);
        GemmPacking.packA(transA, a.data, a.off, a.ld, i0, mc, p0, kc, packed, 3);
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
        int p0 = 3, j0 = 5;
        Stored b = Stored.of(transB, p0 + kc + 1, j0 + nc + 2);         // op(B) is rows × cols
        float[] expected = panels(NR, nc, kc, (j, p) -> b.get(p0 + p, j0 + j));
        float[] packed = unwritten(expected.length + 8);
        GemmPacking.packB(transB, b.data, b.off, b.ld, p0, kc, j0, nc, packed, 3);
        assertWritten(expected, packed, 3, "transB " + transB + ", nc " + nc + ", kc " + kc);
    }

    /** op(X), {@code rows × cols}, stored from offset 2 with 3 floats of padding per stored row; x[i] = i + 0.5. */
    private record Stored(float[] data, int off, int ld, boolean transposed) {
        static Stored of(boolean transposed, int rows, int cols) {
            int off = 2, ld = (transposed ? rows : cols) + 3;
            float[] data = new float[off + (transposed ? cols : rows) * ld];
            for (int i = 0; i < data.length; i++) data[i] = i + 0.5f;
            return new Stored(data, off, ld, transposed);
        }

        float get(int row, int col) {
            return transposed ? data[off + col * ld + row] : data[off + row * ld + col];
        }
    }

    private interface Element {
        float at(int index, int step);
    }

    /**
     * The packed layout by definition: {@code count} indexes (rows of A, columns of B) in panels {@code width}
     * wide, element (i, p) at {@code (i/width)·width·kc + p·width + i%width}, indexes past count zero.
     */
    private static float[] panels(int width, int count, int kc, Element element) {
        int panels = (count + width - 1) / width;
        float[] expected = new float[panels * width * kc];
        for (int i = 0; i < panels * width; i++) {
            for (int p = 0; p < kc; p++) {
                expected[(i / width) * width * kc + p * width + i % width] = i >= count ? 0f : element.at(i, p);
            }
        }
        return expected;
    }

    private static float[] unwritten(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, Float.NaN);
        return x;
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
