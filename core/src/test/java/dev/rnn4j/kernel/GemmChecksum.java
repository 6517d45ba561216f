package dev.rnn4j.kernel;

import dev.rnn4j.tensor.Rng;

/**
 * A fingerprint of the bits {@link Gemm} produces on a fixed set of products: edges of every tile height, one and two
 * k slices, both transpositions, beta 0, 1 and another, a bias row, a packed B, column sums and the weight-gradient
 * pair, small and split over threads. {@code GemmTilesTest} compares it across JVMs whose vector width, and so
 * register tile ({@link GemmMicroKernel#MR}), differ.
 */
final class GemmChecksum {
    private GemmChecksum() {}

    /** Prints the lane count, the tile's rows and {@link #of()}. */
    public static void main(String[] args) {
        System.out.println(GemmMicroKernel.L + " " + GemmMicroKernel.MR + " " + of());
    }

    static String of() {
        Rng rng = new Rng(77);
        Hash h = new Hash();
        int[] rows = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 16, 24, 25, 26, 41, 67};
        float[] betas = {0f, 1f, 0.75f};
        for (int i = 0; i < rows.length; i++) {
            int m = rows[i], n = i % 2 == 0 ? 17 : 129, k = i % 3 == 0 ? 7 : 300;
            boolean transA = i % 2 == 1, transB = i % 4 >= 2;
            float[] a = random(rng, m * k), b = random(rng, k * n), c = random(rng, m * n);
            Gemm.sgemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, betas[i % 3], c, 0, n);
            h.add(c);
            float[] row = random(rng, n);
            Gemm.sgemmPlusRow(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, row, 0, c, 0, n);
            h.add(c);
            PackedMatrix packed = new PackedMatrix().pack(transB, k, n, b, 0, transB ? k : n);
            Gemm.sgemm(transA, m, a, 0, transA ? m : k, packed, betas[(i + 1) % 3], c, 0, n);
            h.add(c);
        }
        for (boolean transA : new boolean[] {false, true}) {
            // large: split over threads, two k slices (k > 2,048), 203 rows: an edge for the 4- and the 8-row tile
            int m = 203, n = 161, k = 2_101;
            float[] a = random(rng, m * k), b = random(rng, k * n), c = new float[m * n];
            Gemm.sgemm(transA, false, m, n, k, a, 0, transA ? m : k, b, 0, n, 0f, c, 0, n);
            h.add(c);
        }
        int m = 67, k = 530, n1 = 45, n2 = 38;
        float[] a = random(rng, k * m), b1 = random(rng, k * n1), b2 = random(rng, k * n2);
        float[] c1 = new float[m * n1], c2 = new float[m * n2], sum1 = new float[m], sum2 = new float[m];
        Gemm.sgemmWithColumnSums(false, m, n1, k, a, 0, m, b1, 0, n1, 0f, c1, 0, n1, sum1, 0, sum2, 0);
        h.add(c1);
        h.add(sum1);
        h.add(sum2);
        int same = 41;
        float[] tail = random(rng, k * (m - same));
        Gemm.sgemmPairWithColumnSums(m, k, same, a, 0, m, tail, 0, m - same, b1, 0, n1, c1, 0, b2, 0, n2, c2, 0,
                sum1, 0, sum2, 0);
        h.add(c1);
        h.add(c2);
        h.add(sum1);
        h.add(sum2);
        return Long.toHexString(h.value);
    }

    private static float[] random(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextGaussian();
        return x;
    }

    private static final class Hash {
        long value = 1125899906842597L;

        void add(float[] x) {
            for (float v : x) value = 31 * value + Float.floatToIntBits(v);
        }
    }
}
