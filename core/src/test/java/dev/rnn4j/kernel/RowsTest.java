package dev.rnn4j.kernel;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The row helpers against their definitions, with 1, 2 and 3 threads: the large shapes are split over the pool
 * (by columns for the sums, by rows for the copies), and every element must come out with the bits of a plain
 * loop, including a width that is not a multiple of the vector length.
 */
class RowsTest {
    private static final int ROWS = 301, N = 253;     // 76,153 elements: enough to split; 253 leaves a vector tail

    @AfterEach
    void restoreThreads() {
        KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void columnSumsAddEachColumnsRowsInOrderIntoOneOrTwoDestinations() {
        float[] a = random(ROWS * N + 5, 1);
        float[] start1 = random(N + 3, 2), start2 = random(N + 7, 3);
        float[] expected1 = start1.clone(), expected2 = start2.clone();
        for (int j = 0; j < N; j++) {
            for (int r = 0; r < ROWS; r++) {
                expected1[3 + j] += a[5 + r * N + j];
                expected2[7 + j] += a[5 + r * N + j];
            }
        }
        for (int threads : new int[] {1, 2, 3}) {
            KernelPool.setThreads(threads);
            float[] one = start1.clone(), two1 = start1.clone(), two2 = start2.clone();
            Rows.addColumnSums(ROWS, N, a, 5, one, 3);
            Rows.addColumnSums(ROWS, N, a, 5, two1, 3, two2, 7);
            assertArrayEquals(expected1, one, "one destination, " + threads + " threads");
            assertArrayEquals(expected1, two1, "first of two destinations, " + threads + " threads");
            assertArrayEquals(expected2, two2, "second of two destinations, " + threads + " threads");
        }
    }

    @Test
    void broadcastAndGatherCopyEveryRow() {
        float[] bias1 = random(N, 4), bias2 = random(N, 5), table = random(40 * N, 6);
        int[] index = new int[ROWS];
        for (int r = 0; r < ROWS; r++) index[r] = (r * 17) % 40;
        for (int threads : new int[] {1, 2, 3}) {
            KernelPool.setThreads(threads);
            float[] out = new float[2 + ROWS * N], gathered = new float[1 + ROWS * N];
            Rows.broadcast(ROWS, N, bias1, 0, bias2, 0, out, 2);
            Rows.gather(ROWS, N, table, 0, index, gathered, 1);
            for (int r = 0; r < ROWS; r++) {
                for (int j = 0; j < N; j++) {
                    float want = bias1[j] + bias2[j];
                    if (out[2 + r * N + j] != want) {
                        throw new AssertionError("broadcast row " + r + " column " + j + ", " + threads + " threads");
                    }
                    if (gathered[1 + r * N + j] != table[index[r] * N + j]) {
                        throw new AssertionError("gather row " + r + " column " + j + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void addAddsElementwiseWithOffsetsAndATail() {
        float[] b = random(N + 2, 7), a = random(N + 9, 8), want = a.clone();
        for (int i = 0; i < N; i++) want[9 + i] = a[9 + i] + b[2 + i];
        Rows.add(N, b, 2, a, 9);
        assertArrayEquals(want, a);
    }

    @Test
    void sumWritesTheBitsOfACopyAndAnAdd() {
        float[] a = random(N + 3, 11), b = random(N + 2, 12), out = random(N + 5, 13), want = out.clone();
        System.arraycopy(a, 3, want, 5, N);
        Rows.add(N, b, 2, want, 5);
        Rows.sum(N, a, 3, b, 2, out, 5);
        assertArrayEquals(want, out);
    }

    @Test
    void addRowsByIndexAddsEachDestinationsRowsInOrder() {
        float[] src = random(ROWS * N, 9), start = random(3 + 40 * N, 10);
        int[] index = new int[ROWS];
        for (int r = 0; r < ROWS; r++) index[r] = (r * 13) % 40;     // every destination row gets several
        float[] expected = start.clone();
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < N; j++) expected[3 + index[r] * N + j] += src[r * N + j];
        }
        for (int threads : new int[] {1, 2, 3}) {
            KernelPool.setThreads(threads);
            float[] dst = start.clone();
            Rows.addRowsByIndex(ROWS, N, src, index, dst, 3);
            assertArrayEquals(expected, dst, threads + " threads");
        }
    }

    @Test
    void addRowsByIndexKeepsTheOrderWhereTheDestinationsAreSkewed() {
        float[] src = random(ROWS * N, 14);
        int[][] indexes = {new int[ROWS], new int[ROWS], new int[ROWS]};
        for (int r = 0; r < ROWS; r++) {
            indexes[0][r] = 5;                                  // every row to one destination
            indexes[1][r] = r % 3 == 0 ? r % 40 : 7;            // one destination holds two thirds of the rows
            indexes[2][r] = r % 2;                              // fewer destinations than threads
        }
        for (int[] index : indexes) {
            float[] start = random(41 * N, 15), expected = start.clone();
            for (int r = 0; r < ROWS; r++) {
                for (int j = 0; j < N; j++) expected[index[r] * N + j] += src[r * N + j];
            }
            for (int threads : new int[] {1, 2, 3}) {
                KernelPool.setThreads(threads);
                float[] dst = start.clone();
                Rows.addRowsByIndex(ROWS, N, src, index, dst, 0);
                assertArrayEquals(expected, dst, threads + " threads, destination of row 0: " + index[0]);
            }
        }
    }

    @Test
    void multiplyAppliesAMaskElementwiseOnAnyThreadCount() {
        int n = 200_003;
        float[] a = random(n + 4, 11), m = random(n + 1, 12), want = a.clone();
        for (int i = 0; i < n; i++) want[4 + i] = a[4 + i] * m[1 + i];
        for (int threads : new int[] {1, 2, 3}) {
            KernelPool.setThreads(threads);
            float[] x = a.clone();
            Rows.multiply(n, x, 4, m, 1);
            assertArrayEquals(want, x, threads + " threads");
        }
    }

    private static float[] random(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextGaussian();
        return x;
    }
}
