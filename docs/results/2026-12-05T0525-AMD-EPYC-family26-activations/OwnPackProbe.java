package dev.rnn4j.kernel;
/**
 * Products of the char models' weight gradients on two threads: Gemm.sgemm as built (B packed once and shared)
 * against each thread packing what it needs of B itself (a column split, all of A packed by each).
 */
public class OwnPackProbe {
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]), n = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]);
        boolean transA = args.length > 3 && args[3].equals("T");
        java.util.Random r = new java.util.Random(1);
        float[] a = new float[m * k], b = new float[k * n], c1 = new float[m * n], c2 = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        int lda = transA ? m : k, tiles = (n + GemmMicroKernel.NR - 1) / GemmMicroKernel.NR;
        KernelPool.setThreads(2);
        for (int round = 0; round < 6; round++) {
            int reps = 300;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) Gemm.sgemm(transA, false, m, n, k, a, 0, lda, b, 0, n, 0f, c1, 0, n);
            double built = (System.nanoTime() - t0) / 1e3 / reps;
            t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                int tasks = Math.min(2, tiles);
                KernelPool.parallelFor(tasks, t -> GemmBlocked.multiply(transA, false, 0, m,
                        tiles * t / tasks * GemmMicroKernel.NR, Math.min(n, tiles * (t + 1) / tasks * GemmMicroKernel.NR),
                        k, a, 0, lda, b, 0, n, 0f, null, 0, c2, 0, n, null));
            }
            double own = (System.nanoTime() - t0) / 1e3 / reps;
            int rowTiles = (m + GemmMicroKernel.MR - 1) / GemmMicroKernel.MR;
            t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                int tasks = Math.min(2, rowTiles);
                KernelPool.parallelFor(tasks, t -> GemmBlocked.multiply(transA, false,
                        rowTiles * t / tasks * GemmMicroKernel.MR, Math.min(m, rowTiles * (t + 1) / tasks * GemmMicroKernel.MR),
                        0, n, k, a, 0, lda, b, 0, n, 0f, null, 0, c2, 0, n, null));
            }
            double ownRows = (System.nanoTime() - t0) / 1e3 / reps;
            System.out.printf("%s%dx%dx%d: built %.0f us, own packing by columns %.0f us, by rows %.0f us, same=%b%n", transA ? "T " : "",
                    m, n, k, built, own, ownRows, java.util.Arrays.equals(c1, c2));
        }
        System.exit(0);
    }
}
