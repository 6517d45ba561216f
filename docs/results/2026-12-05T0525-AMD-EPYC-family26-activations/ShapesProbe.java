package dev.rnn4j.kernel;
/** Gemm.sgemm on two threads for the small char model's products of small C (µs per call, medians of 9 rounds). */
public class ShapesProbe {
    public static void main(String[] args) {
        // m, n, k, transA, transB
        int[][] shapes = {{65, 128, 2500, 1, 0}, {512, 128, 2500, 1, 0}, {512, 128, 65, 1, 0}, {65, 512, 128, 0, 1},
                {65, 128, 512, 0, 0}, {65, 256, 3200, 1, 0}, {1024, 256, 3200, 1, 0}, {64, 1024, 256, 0, 1}};
        java.util.Random r = new java.util.Random(1);
        KernelPool.setThreads(2);
        double[][] t = new double[shapes.length][9];
        for (int round = 0; round < 9; round++) {
            for (int s = 0; s < shapes.length; s++) {
                int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
                boolean ta = shapes[s][3] == 1, tb = shapes[s][4] == 1;
                float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
                for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
                for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
                int reps = (int) Math.max(20, 2e8 / (2.0 * m * n * k));
                for (int i = 0; i < reps; i++) Gemm.sgemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, 1f, c, 0, n);
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) Gemm.sgemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, 1f, c, 0, n);
                t[s][round] = (System.nanoTime() - t0) / 1e3 / reps;
            }
        }
        for (int s = 0; s < shapes.length; s++) {
            java.util.Arrays.sort(t[s]);
            System.out.printf("%s%dx%dx%d%s: %.1f us [%.1f-%.1f]%n", shapes[s][3] == 1 ? "T " : "", shapes[s][0], shapes[s][1],
                    shapes[s][2], shapes[s][4] == 1 ? " Bt" : "", t[s][4], t[s][0], t[s][8]);
        }
        System.exit(0);
    }
}
