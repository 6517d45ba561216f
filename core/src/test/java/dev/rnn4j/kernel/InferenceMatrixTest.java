package dev.rnn4j.kernel;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class InferenceMatrixTest {
    /**
     * Columns with and without a tail past the last full vector (8 or 16 lanes), rows with a short last group, and
     * more columns than GEMM's k slice (one chain over all of them all the same).
     */
    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {13, 37}, {16, 64}, {65, 512}, {2048, 512}, {130, 1030}};

    @AfterEach
    void restoreThreads() {
        KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
    }

    private static float[] random(Rng rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rng.uniform(-1f, 1f);
        return a;
    }

    /** y = y0 + x·Wᵀ through the kernel, n streams. */
    private static float[] product(InferenceMatrix w, int n, float[] x, float[] y0) {
        float[] y = y0.clone();
        w.multiplyAdd(n, x, 0, w.cols(), y, 0, w.rows());
        return y;
    }

    /**
     * Each output is {@code y + acc} (int8: {@code y + scale·acc}), acc one fused multiply-add chain over k in
     * order over the stored weights (int8: its integers), so a scalar loop gives exactly its bits, whichever
     * tile (four streams, one stream, one stream over two panels) computed it.
     */
    @Test
    void eachOutputIsExactlyOneFmaChainInColumnOrder() {
        Rng rng = new Rng(1);
        for (WeightPrecision p : WeightPrecision.values()) {
            for (int[] s : SHAPES) {
                for (int n : new int[] {1, 11}) {
                    int rows = s[0], cols = s[1];
                    float[] wData = random(rng, rows * cols), x = random(rng, n * cols), y0 = random(rng, n * rows);
                    InferenceMatrix w = InferenceMatrix.of(p, rows, cols, wData, 0);
                    float[] y = product(w, n, x, y0);
                    for (int b = 0; b < n; b++) {
                        for (int j = 0; j < rows; j++) {
                            float acc = 0f;
                            for (int c = 0; c < cols; c++) acc = Math.fma(x[b * cols + c], w.factor(j, c), acc);
                            float sum = p == WeightPrecision.INT8 ? acc * w.rowScale(j) : acc;
                            assertEquals(y0[b * rows + j] + sum, y[b * rows + j],
                                    p + " " + rows + "x" + cols + " n=" + n + " stream " + b + " row " + j);
                        }
                    }
                }
            }
        }
    }

    /** Kernel against a double-precision scalar sum over the stored (dequantized) weights. */
    @Test
    void reducedPrecisionMatchesAScalarReferenceOverItsOwnWeights() {
        Rng rng = new Rng(2);
        for (WeightPrecision p : WeightPrecision.values()) {
            for (int[] s : SHAPES) {
                int rows = s[0], cols = s[1], n = 3;
                float[] wData = random(rng, rows * cols), x = random(rng, n * cols), y0 = random(rng, n * rows);
                InferenceMatrix w = InferenceMatrix.of(p, rows, cols, wData, 0);
                float[] y = product(w, n, x, y0);
                double worst = 0;
                for (int b = 0; b < n; b++) {
                    for (int j = 0; j < rows; j++) {
                        double sum = y0[b * rows + j], magnitude = Math.abs(sum);
                        for (int c = 0; c < cols; c++) {
                            double term = (double) x[b * cols + c] * w.value(j, c);
                            sum += term;
                            magnitude += Math.abs(term);
                        }
                        // float32 accumulation over `cols` terms: a few ulps of the magnitude per term at most
                        worst = Math.max(worst, Math.abs(y[b * rows + j] - sum) / (magnitude * cols * 0x1p-23));
                    }
                }
                assertTrue(worst < 1, p + " " + rows + "x" + cols + ": error " + worst + " of the float32 bound");
            }
        }
    }

    @Test
    void storedWeightsAreWithinHalfAStepOfTheOriginals() {
        Rng rng = new Rng(3);
        int rows = 9, cols = 40;
        float[] wData = random(rng, rows * cols);
        wData[5] = 0f;
        java.util.Arrays.fill(wData, 2 * cols, 3 * cols, 0f);      // an all-zero row: scale 0, weights exactly 0
        InferenceMatrix int8 = InferenceMatrix.of(WeightPrecision.INT8, rows, cols, wData, 0);
        InferenceMatrix bf16 = InferenceMatrix.of(WeightPrecision.BF16, rows, cols, wData, 0);
        for (int r = 0; r < rows; r++) {
            float max = 0f;
            for (int c = 0; c < cols; c++) max = Math.max(max, Math.abs(wData[r * cols + c]));
            for (int c = 0; c < cols; c++) {
                float w = wData[r * cols + c];
                assertEquals(w, int8.value(r, c), max / 127f * 0.5f * 1.0001f, "int8 " + r + "," + c);
                assertEquals(w, bf16.value(r, c), Math.abs(w) * 0x1p-8f, "bf16 " + r + "," + c);
            }
        }
        assertEquals(0f, int8.value(2, 3));
        assertEquals(rows * cols + 4L * rows, int8.bytes());
        assertEquals(2L * rows * cols, bf16.bytes());
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertEquals((short) 0x3F80, InferenceMatrix.toBf16(1f));
        assertEquals((short) 0x3F80, InferenceMatrix.toBf16(Float.intBitsToFloat(0x3F808000)));   // tie, down to even
        assertEquals((short) 0x3F82, InferenceMatrix.toBf16(Float.intBitsToFloat(0x3F818000)));   // tie, up to even
        assertEquals((short) 0x3F81, InferenceMatrix.toBf16(Float.intBitsToFloat(0x3F808001)));   // above the tie
        assertEquals((short) 0xBF80, InferenceMatrix.toBf16(-1f));
        assertTrue(Float.isNaN(Float.intBitsToFloat(InferenceMatrix.toBf16(Float.NaN) << 16)));
    }

    /** A stream's bits do not depend on the other streams of the call nor on the thread count. */
    @Test
    void eachStreamIsIndependentOfTheOthersAndOfTheThreadCount() {
        Rng rng = new Rng(4);
        // large enough to be split over threads: by panels (2048 rows), by streams (65 rows, 64 streams)
        for (int[] shape : new int[][] {{2048, 512, 7}, {65, 512, 64}}) {
            independentOfOthersAndThreads(rng, shape[0], shape[1], shape[2]);
        }
    }

    private static void independentOfOthersAndThreads(Rng rng, int rows, int cols, int n) {
        float[] wData = random(rng, rows * cols), x = random(rng, n * cols), y0 = random(rng, n * rows);
        for (WeightPrecision p : WeightPrecision.values()) {
            InferenceMatrix w = InferenceMatrix.of(p, rows, cols, wData, 0);
            float[] expected = null;
            for (int threads : new int[] {1, 2, 3}) {
                KernelPool.setThreads(threads);
                float[] y = product(w, n, x, y0);
                if (expected == null) expected = y;
                else assertArrayEquals(expected, y, p + " with " + threads + " threads");
            }
            for (int b = 0; b < n; b++) {
                float[] alone = java.util.Arrays.copyOfRange(y0, b * rows, (b + 1) * rows);
                w.multiplyAdd(1, java.util.Arrays.copyOfRange(x, b * cols, (b + 1) * cols), 0, cols, alone, 0, rows);
                float[] inBatch = java.util.Arrays.copyOfRange(expected, b * rows, (b + 1) * rows);
                assertArrayEquals(inBatch, alone, p + " stream " + b);
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightPrecision.parse("fp8"));
        assertTrue(e.getMessage().contains("float32, bf16, int8") && e.getMessage().contains("fp8"), e.getMessage());
        assertEquals(WeightPrecision.INT8, WeightPrecision.parse("INT8"));
        InferenceMatrix w = InferenceMatrix.of(WeightPrecision.FLOAT32, 4, 8, new float[32], 0);
        assertThrows(IllegalArgumentException.class, () -> w.multiplyAdd(2, new float[8], 0, 8, new float[8], 0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> InferenceMatrix.of(WeightPrecision.INT8, 4, 8, new float[31], 0));
    }
}
