package dev.rnn4j.kernel;
/** Speed only, two threads: C = Aᵀ·B for several shapes (A k×m, B k×n), rounds alternating, GFLOP/s. */
public class ShapeRateProbe {
    public static void main(String[] args) {
        int[][] shapes = {{2048, 2048, 2048}, {2048, 1024, 3200}, {2048, 1024, 2048}, {2048, 1024, 1600},
                {2048, 2048, 3200}, {2048, 1024, 4096}};
        java.util.Random r = new java.util.Random(1);
        float[] a = new float[4096 * 2048], b = new float[4096 * 2048], c = new float[2048 * 2048];
        for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat() - 0.5f; b[i] = r.nextFloat() - 0.5f; }
        double[][] rates = new double[shapes.length][12];
        for (int round = 0; round < 12; round++) {
            for (int s = 0; s < shapes.length; s++) {
                int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
                long t = System.nanoTime();
                Gemm.sgemm(true, false, m, n, k, a, 0, m, b, 0, n, 0f, c, 0, n);
                rates[s][round] = 2.0 * m * n * k / (System.nanoTime() - t);
            }
        }
        for (int s = 0; s < shapes.length; s++) {
            double[] v = java.util.Arrays.copyOfRange(rates[s], 2, 12);
            java.util.Arrays.sort(v);
            System.out.printf("%d x %d x %d: median %.1f [%.1f-%.1f]%n", shapes[s][0], shapes[s][1], shapes[s][2], v[5], v[0], v[9]);
        }
        System.exit(0);
    }
}
