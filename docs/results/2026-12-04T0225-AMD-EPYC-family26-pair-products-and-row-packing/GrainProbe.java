package dev.rnn4j.kernel;

import java.util.*;

public class GrainProbe {
    static int[] guided(int m, int mc, int threads) {
        int blocks = (m + mc - 1) / mc;
        java.util.List<Integer> b = new java.util.ArrayList<>();
        b.add(0);
        int done = 0;
        while (done < blocks) {
            int chunk = Math.max(1, (blocks - done + 2 * threads - 1) / (2 * threads));
            done = Math.min(blocks, done + chunk);
            b.add(Math.min(m, done * mc));
        }
        return b.stream().mapToInt(Integer::intValue).toArray();
    }
    public static void main(String[] args) {
        int n = Integer.parseInt(args.length > 0 ? args[0] : "2048");
        int m = n, k = n;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        Random r = new Random(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        PackedMatrix pb = new PackedMatrix();
        pb.pack(false, k, n, b, 0, n);
        int rt = m / GemmMicroKernel.MR;
        int mc = GemmBlocked.MC;
        int[] variants = {8, -1, -2, 16};
        double[][] res = new double[variants.length][];
        for (int round = 0; round < 12; round++) {
            StringBuilder sb = new StringBuilder();
            for (int vi = 0; vi < variants.length; vi++) {
                int v = variants[vi];
                int reps = 8;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    if (v > 0) {
                        int tasks = v;
                        KernelPool.parallelFor(tasks, t -> GemmBlocked.multiplyPacked(false, t * rt / tasks * GemmMicroKernel.MR,
                            (t + 1) * rt / tasks * GemmMicroKernel.MR, 0, n, a, 0, k, pb, 0f, c, 0, n, null));
                    } else if (v == -2) {
                        int[] bounds = guided(m, mc, 2);
                        int tasks = bounds.length - 1;
                        KernelPool.parallelFor(tasks, t -> GemmBlocked.multiplyPacked(false, bounds[t], bounds[t + 1],
                            0, n, a, 0, k, pb, 0f, c, 0, n, null));
                    } else {
                        int tasks = (m + mc - 1) / mc;
                        KernelPool.parallelFor(tasks, t -> GemmBlocked.multiplyPacked(false, t * mc, Math.min(m, (t + 1) * mc),
                            0, n, a, 0, k, pb, 0f, c, 0, n, null));
                    }
                }
                long ns = System.nanoTime() - t0;
                sb.append(String.format("%s %.1f  ", v > 0 ? "t" + v : v == -1 ? "mc" : "guided", 2.0 * m * n * k * reps / ns));
            }
            if (round >= 2) System.out.println(sb);
        }
    }
}
