package dev.rnn4j.kernel;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class GemmTest {
    /**
     * Allowed error relative to the largest |C| of a case. The fast kernel sums in float in blocked
     * order, the reference in double; for k ≤ 1000 inputs in [-1, 1] that differs by a few float ulps
     * of the largest partial sums (~1e-6 relative), while a wrong index, a missed edge or a lost beta
     * term is off by a whole product (≥ 1e-3 relative).
     */
    static final double TOLERANCE = 1e-5;

    static final int[] AWKWARD = {1, 7, 31, 33, 255};
    static final float[] BETAS = {0f, 1f, 0.5f};

    @AfterEach
    void restoreThreads() {
        KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void awkwardShapesMatchReferenceForAllTransposesAndBetas() {
        Rng rng = new Rng(42);
        for (int m : AWKWARD) for (int n : AWKWARD) for (int k : AWKWARD) {
            for (int t = 0; t < 4; t++) {
                for (float beta : BETAS) check(rng, t >= 2, (t & 1) == 1, m, n, k, beta, 3, 5);
            }
        }
    }

    @Test
    void largeShapesMatchReference() {
        Rng rng = new Rng(7);
        int[][] shapes = {{1000, 1000, 31}, {31, 1000, 1000}, {1000, 31, 1000}, {1, 1000, 1000},
                {1000, 1, 1000}, {300, 1000, 600}, {1, 1003, 517}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                check(rng, t >= 2, (t & 1) == 1, s[0], s[1], s[2], 0.5f, 0, 0);
                check(rng, t >= 2, (t & 1) == 1, s[0], s[1], s[2], 0f, 1, 2);
            }
        }
    }

    @Test
    void packedBMatchesReferenceAndTheUnpackedKernelBitwise() {
        Rng rng = new Rng(11);
        // the last: a packed B over two k slices and above GemmThreads.COLUMN_BLOCK_MAX, taken in column blocks
        int[][] shapes = {{2, 7, 31}, {33, 255, 7}, {31, 33, 1000}, {255, 1, 33}, {64, 300, 520}, {128, 500, 2100}};
        PackedMatrix packed = new PackedMatrix();   // reused across shapes: repacking must not leave stale values
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean transA = t >= 2, transB = (t & 1) == 1;
                int m = s[0], n = s[1], k = s[2], pad = 3, off = 2;
                int lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
                float[] a = random(rng, off + (transA ? k : m) * lda), b = random(rng, off + (transB ? n : k) * ldb);
                float[] c = random(rng, off + m * ldc), expected = c.clone(), unpacked = c.clone();
                packed.pack(transB, k, n, b, off, ldb);
                Gemm.sgemm(transA, m, a, off, lda, packed, 0.5f, c, off, ldc);
                Gemm.sgemm(transA, transB, m, n, k, a, off, lda, b, off, ldb, 0.5f, unpacked, off, ldc);
                GemmReference.sgemm(transA, transB, m, n, k, a, off, lda, b, off, ldb, 0.5f, expected, off, ldc);
                String what = describe(transA, transB, m, n, k, 0.5f);
                assertArrayEquals(unpacked, c, "packed vs unpacked, " + what);
                double largest = 0;
                for (float v : expected) largest = Math.max(largest, Math.abs(v));
                for (int i = 0; i < c.length; i++) {
                    assertEquals(expected[i], c[i], TOLERANCE * Math.max(1, largest), "element " + i + ", " + what);
                }
            }
        }
    }

    /** The batch split of the recurrent layers relies on this: a row's bits do not depend on its neighbours. */
    @Test
    void packedRowsGetTheSameBitsAloneAsInABatch() {
        Rng rng = new Rng(12);
        int m = 13, n = 70, k = 600;
        float[] a = random(rng, m * k), b = random(rng, n * k), c0 = random(rng, m * n);
        PackedMatrix packed = new PackedMatrix().pack(true, k, n, b, 0, k);
        float[] whole = c0.clone(), pieces = c0.clone();
        Gemm.sgemm(false, m, a, 0, k, packed, 1f, whole, 0, n);
        int[] cuts = {0, 1, 2, 6, 11, 13};
        for (int i = 0; i + 1 < cuts.length; i++) {
            Gemm.sgemm(false, cuts[i + 1] - cuts[i], a, cuts[i] * k, k, packed, 1f, pieces, cuts[i] * n, n);
        }
        assertArrayEquals(whole, pieces);
    }

    @Test
    void packedRejectsMismatchedShapes() {
        PackedMatrix packed = new PackedMatrix().pack(false, 4, 3, new float[12], 0, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, 2, new float[7], 0, 4, packed, 0f, new float[6], 0, 3));
        assertTrue(e.getMessage().contains("A (stored 2×4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PackedMatrix().pack(true, 4, 3, new float[11], 0, 4));
    }

    @Test
    void zeroSizedDimensions() {
        float[] c = {1f, 2f, 3f, 4f};
        Gemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, c);
        Gemm.sgemm(false, false, 0, 2, 3, new float[0], 0, 3, new float[6], 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, c);
    }

    /**
     * Every path a product can take over threads: one thread, rows sharing a packed B (300 × 300, 1000 × 70), columns
     * sharing a packed A (72 × 1000), B larger than {@link GemmThreads#COLUMN_BLOCK_MAX} taken in column blocks (1100
     * × 1030 × 1030: two blocks, a part panel at the end), two k slices one after the other (522 × 510 × 2100), B too
     * large to share, a C of at most {@link GemmThreads#OWN_PACKING_MAX} elements split by rows (1000 × 64, 130 × 64
     * over two slices) or by columns (200 × 300, 65 × 128 over two slices) with each thread packing its own operands,
     * a single row.
     */
    @Test
    void resultIsBitwiseTheSameForAnyThreadCount() {
        Rng rng = new Rng(3);
        int[][] shapes = {{300, 300, 700}, {1000, 70, 300}, {72, 1000, 512}, {200, 300, 700}, {1000, 64, 300},
                {130, 64, 2500}, {65, 128, 2500}, {1, 4099, 600}, {1, 2000, 1000}, {300, 2100, 33}, {9, 2000, 2100},
                {1100, 1030, 1030}, {522, 510, 2100}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean transA = t >= 2, transB = (t & 1) == 1;
                int m = s[0], n = s[1], k = s[2];
                float[] a = random(rng, m * k), b = random(rng, k * n), c0 = random(rng, m * n);
                float[] expected = null;
                for (int threads : new int[] {1, 2, 3}) {
                    KernelPool.setThreads(threads);
                    float[] c = c0.clone();
                    Gemm.sgemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, 0.5f, c, 0, n);
                    if (expected == null) expected = c;
                    else assertArrayEquals(expected, c,
                            "threads=" + threads + " " + describe(transA, transB, m, n, k, 0.5f));
                }
            }
        }
    }

    /**
     * The weight gradient with its bias gradient: the product has the bits of {@link Gemm#sgemm} and the sums those of
     * a plain in-order sum of A's rows (as {@link Rows#addColumnSums}), with one or two destinations, for every path
     * the product can take: one thread, a row split sharing packed B (in one k slice and, slice after slice, in
     * two), a column split sharing packed A, a row split over column blocks of a large B, B too large to share (the
     * sums then come from a pass of their own), a small C split by rows (each thread's sums of its own rows) or by
     * columns (the sums from a pass of their own), each thread packing its operands, a single row, and empty
     * dimensions.
     */
    @Test
    void columnSumsBesideTheProductHaveTheBitsOfASeparatePass() {
        Rng rng = new Rng(5);
        int[][] shapes = {{2048, 512, 700}, {37, 33, 1100}, {64, 2100, 300}, {300, 2100, 2100}, {1, 70, 90},
                {45, 0, 20}, {45, 20, 0}, {0, 20, 20}, {9, 300, 2000}, {1100, 1030, 1030}, {600, 300, 2500},
                {130, 64, 2500}, {65, 128, 2500}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2], lda = m + 3, ldb = n + 1, ldc = Math.max(1, n);
            float[] a = random(rng, k * lda + 2), b = random(rng, k * ldb + 1), c0 = random(rng, m * n);
            float[] start1 = random(rng, m + 4), start2 = random(rng, m + 1);
            float[] expected1 = start1.clone(), expected2 = start2.clone();
            for (int p = 0; p < k; p++) {
                for (int i = 0; i < m; i++) {
                    expected1[4 + i] += a[2 + p * lda + i];
                    expected2[1 + i] += a[2 + p * lda + i];
                }
            }
            String shape = "m=" + m + ", n=" + n + ", k=" + k;
            for (int threads : new int[] {1, 2, 3}) {
                KernelPool.setThreads(threads);
                float[] expectedC = c0.clone(), c = c0.clone(), one = start1.clone(), two1 = start1.clone();
                float[] two2 = start2.clone();
                Gemm.sgemm(true, false, m, n, k, a, 2, lda, b, 1, ldb, 1f, expectedC, 0, ldc);
                Gemm.sgemmWithColumnSums(false, m, n, k, a, 2, lda, b, 1, ldb, 1f, c, 0, ldc, one, 4, null, 0);
                assertArrayEquals(expectedC, c, "product, " + shape + ", threads=" + threads);
                assertArrayEquals(expected1, one, "sums, " + shape + ", threads=" + threads);
                c = c0.clone();
                Gemm.sgemmWithColumnSums(false, m, n, k, a, 2, lda, b, 1, ldb, 1f, c, 0, ldc, two1, 4, two2, 1);
                assertArrayEquals(expectedC, c, "product with two sums, " + shape + ", threads=" + threads);
                assertArrayEquals(expected1, two1, "first of two sums, " + shape + ", threads=" + threads);
                assertArrayEquals(expected2, two2, "second of two sums, " + shape + ", threads=" + threads);
            }
        }
    }

    @Test
    void pairOfProductsHasTheBitsOfTwoSeparateProducts() {
        Rng rng = new Rng(6);
        // m, n1, n2, k, same: several MC blocks and k slices, edge tiles and panels, the shared columns ending on and
        // off the tile grid, none and all shared, the fallbacks (one row, wider than tall, empty), and a 2×512 LSTM's
        // and GRU's weight gradients, and one over two k slices (taken slice by slice)
        int[][] shapes = {{2048, 512, 512, 700, 2048}, {1536, 512, 512, 700, 1024}, {1024, 256, 200, 3200, 1024},
                {37, 45, 19, 2500, 13},
                {300, 64, 33, 2100, 0}, {300, 64, 33, 600, 150}, {1, 20, 30, 50, 1}, {8, 200, 300, 40, 3},
                {45, 20, 20, 0, 20}, {45, 0, 20, 30, 45}, {0, 20, 20, 20, 0}, {97, 1, 1, 3, 96}};
        for (int[] s : shapes) {
            int m = s[0], n1 = s[1], n2 = s[2], k = s[3], same = s[4], lda = m + 2, ldTail = m - same + 1;
            // A1: A's first `same` columns, then the tail's (stored apart, with its own offset and stride)
            float[] a2 = random(rng, 3 + k * lda), a1 = a2.clone(), tail = random(rng, 4 + k * ldTail);
            for (int p = 0; p < k; p++) {
                for (int i = same; i < m; i++) a1[3 + p * lda + i] = tail[4 + p * ldTail + i - same];
            }
            float[] b1 = random(rng, 1 + k * n1), b2 = random(rng, 2 + k * n2);
            float[] c1 = random(rng, 5 + m * n1), c2 = random(rng, m * n2 + 4);
            float[] sum1 = random(rng, m + 2), sum2 = random(rng, m + 1);
            String shape = "m=" + m + ", n1=" + n1 + ", n2=" + n2 + ", k=" + k + ", same=" + same;
            for (int threads : new int[] {1, 2, 3}) {
                KernelPool.setThreads(threads);
                int ld1 = Math.max(1, n1), ld2 = Math.max(1, n2);
                float[] e1 = c1.clone(), e2 = c2.clone(), es1 = sum1.clone(), es2 = sum2.clone();
                Gemm.sgemmWithColumnSums(false, m, n1, k, a1, 3, lda, b1, 1, ld1, 1f, e1, 5, ld1, es1, 2, null, 0);
                Gemm.sgemmWithColumnSums(false, m, n2, k, a2, 3, lda, b2, 2, ld2, 1f, e2, 0, ld2, es2, 1, null, 0);
                float[] got1 = c1.clone(), got2 = c2.clone(), gs1 = sum1.clone(), gs2 = sum2.clone();
                Gemm.sgemmPairWithColumnSums(m, k, same, a2, 3, lda, tail, 4, ldTail, b1, 1, n1, got1, 5, b2, 2, n2,
                        got2, 0, gs1, 2, gs2, 1);
                String where = shape + ", threads=" + threads;
                assertArrayEquals(e1, got1, "first product, " + where);
                assertArrayEquals(e2, got2, "second product, " + where);
                assertArrayEquals(es1, gs1, "first sums, " + where);
                assertArrayEquals(es2, gs2, "second sums, " + where);
                float[] only1 = c1.clone(), only2 = c2.clone(), onlySums2 = sum2.clone();
                Gemm.sgemmPairWithColumnSums(m, k, same, a2, 3, lda, tail, 4, ldTail, b1, 1, n1, only1, 5, b2, 2, n2,
                        only2, 0, null, 0, onlySums2, 1);
                assertArrayEquals(e1, only1, "first product, second sums only, " + where);
                assertArrayEquals(e2, only2, "second product, second sums only, " + where);
                assertArrayEquals(es2, onlySums2, "second sums alone, " + where);
            }
        }
    }

    @Test
    void productPlusARowHasTheBitsOfTheFillAndBetaOne() {
        Rng rng = new Rng(8);
        // m, n, k: full and edge tiles, several k slices and NC blocks, the split by rows, the split by columns with A
        // packed once and shared, B too large to pack whole (one slice and two), and the paths with nothing to block
        int[][] shapes = {{3200 / 16, 2048, 512}, {37, 45, 19}, {300, 600, 2300}, {300, 2100, 1100}, {8, 300, 700},
                {9, 600, 7000}, {40, 4100, 1100}, {20, 4100, 2300}, {1, 50, 30}, {5, 20, 0}, {0, 5, 5}, {5, 0, 5}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean transA = t >= 2, transB = (t & 1) == 1;
                int lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 1, ldc = n + 2;
                float[] a = random(rng, 2 + Math.max(1, transA ? k : m) * lda);
                float[] b = random(rng, 1 + Math.max(1, transB ? n : k) * ldb);
                float[] row = random(rng, n + 4), c = random(rng, 3 + Math.max(1, m) * ldc);
                for (int threads : new int[] {1, 2, 3}) {
                    KernelPool.setThreads(threads);
                    String where = "m=" + m + ", n=" + n + ", k=" + k + ", transA=" + transA + ", transB=" + transB
                            + ", threads=" + threads;
                    float[] expected = c.clone();
                    for (int i = 0; i < m; i++) System.arraycopy(row, 4, expected, 3 + i * ldc, n);
                    Gemm.sgemm(transA, transB, m, n, k, a, 2, lda, b, 1, ldb, 1f, expected, 3, ldc);
                    float[] got = c.clone();
                    Gemm.sgemmPlusRow(transA, transB, m, n, k, a, 2, lda, b, 1, ldb, row, 4, got, 3, ldc);
                    assertArrayEquals(expected, got, where);
                }
            }
        }
    }

    @Test
    void productPlusARowWithBPackedAheadHasTheBitsOfTheFillAndBetaOne() {
        Rng rng = new Rng(9);
        // m, n, k: a GRU step's rows (one thread's share and a whole batch), edge tiles, k slices, a split by rows
        int[][] shapes = {{32, 1536, 512}, {64, 1536, 512}, {37, 45, 19}, {300, 200, 2300}, {1, 40, 30}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2], lda = k + 1, ldc = n + 3;
            for (boolean transB : new boolean[] {false, true}) {
                float[] a = random(rng, 2 + m * lda), b = random(rng, 1 + k * n), row = random(rng, n + 2);
                float[] c = random(rng, 4 + m * ldc);
                PackedMatrix packed = new PackedMatrix().pack(transB, k, n, b, 1, transB ? k : n);
                for (int threads : new int[] {1, 2, 3}) {
                    KernelPool.setThreads(threads);
                    String where = "m=" + m + ", n=" + n + ", k=" + k + ", transB=" + transB + ", threads=" + threads;
                    float[] expected = c.clone();
                    for (int i = 0; i < m; i++) System.arraycopy(row, 2, expected, 4 + i * ldc, n);
                    Gemm.sgemm(false, m, a, 2, lda, packed, 1f, expected, 4, ldc);
                    float[] got = c.clone();
                    Gemm.sgemmPlusRow(false, m, a, 2, lda, packed, row, 2, got, 4, ldc);
                    assertArrayEquals(expected, got, where);
                }
            }
        }
    }

    @Test
    void productPlusARowRejectsARowTooShort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemmPlusRow(false, false, 2, 3, 4, new float[8], 0, 4, new float[12], 0, 3, new float[3],
                        1, new float[6], 0, 3));
        assertTrue(e.getMessage().startsWith("row "), e.getMessage());
    }

    @Test
    void columnSumsRejectADestinationTooShort() {
        float[] a = new float[6], b = new float[6], c = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemmWithColumnSums(false, 2, 2, 3, a, 0, 2, b, 0, 2, 0f, c, 0, 2, new float[1], 0,
                        null, 0));
        assertTrue(e.getMessage().startsWith("sum "), e.getMessage());
    }

    @Test
    void rejectsArraysTooSmallForTheirShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 3, 4, new float[7], 0, 4, new float[12], 0, 3, 0f,
                        new float[6], 0, 3));
        assertTrue(e.getMessage().contains("A (stored 2×4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, true, 2, 3, 4, new float[8], 0, 4, new float[12], 0, 3, 0f,
                        new float[6], 0, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, -1, 3, 4, new float[8], 0, 4, new float[12], 0, 3, 0f,
                        new float[6], 0, 3));
    }

    /**
     * One case with every matrix stored at offset {@code off} with {@code pad} spare columns per row;
     * C starts as NaN when beta is 0 (it must never be read), and its padding must stay untouched.
     */
    static void check(Rng rng, boolean transA, boolean transB, int m, int n, int k, float beta, int off, int pad) {
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        float[] a = random(rng, off + aRows * lda), b = random(rng, off + bRows * ldb);
        float[] c = random(rng, off + m * ldc);
        if (beta == 0f) {
            for (int i = 0; i < m; i++) Arrays.fill(c, off + i * ldc, off + i * ldc + n, Float.NaN);
        }
        float[] expected = c.clone();
        GemmReference.sgemm(transA, transB, m, n, k, a, off, lda, b, off, ldb, beta, expected, off, ldc);
        Gemm.sgemm(transA, transB, m, n, k, a, off, lda, b, off, ldb, beta, c, off, ldc);

        double largest = 0;
        for (float v : expected) largest = Math.max(largest, Math.abs(v));
        double allowed = TOLERANCE * Math.max(1, largest);
        for (int i = 0; i < c.length; i++) {
            boolean inside = i >= off && (i - off) % ldc < n;
            if (!inside) {
                assertEquals(expected[i], c[i],
                        "padding at " + i + " changed, " + describe(transA, transB, m, n, k, beta));
            } else if (!(Math.abs(c[i] - expected[i]) <= allowed)) {
                int row = (i - off) / ldc, col = (i - off) % ldc;
                fail("C[" + row + "][" + col + "] = " + c[i] + ", expected " + expected[i] + " ± " + allowed
                        + ", " + describe(transA, transB, m, n, k, beta));
            }
        }
    }

    static float[] random(Rng rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = rng.uniform(-1f, 1f);
        return x;
    }

    static String describe(boolean transA, boolean transB, int m, int n, int k, float beta) {
        return "transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k + " beta=" + beta;
    }
}
