package dev.rnn4j.kernel;
import java.util.*;
import java.util.concurrent.atomic.*;
public class SplitProbe {
    static float[] rnd(Random r, int n) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    static final int MR = GemmMicroKernel.MR;
    public static void main(String[] args) {
        int n = 2048;
        Random r = new Random(1);
        float[] a = rnd(r, n * n), b = rnd(r, n * n), c = new float[n * n];
        PackedMatrix pb = new PackedMatrix().pack(false, n, n, b, 0, n);
        int[] taskCounts = {2, 4, 8, 16, 32};
        int rowTiles = (n + MR - 1) / MR;
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            StringBuilder sb = new StringBuilder();
            for (int tasks : taskCounts) {
                long[] t = new long[7];
                double idle = 0;
                for (int i = 0; i < t.length; i++) {
                    AtomicLongArray busy = new AtomicLongArray(64);
                    long t0 = System.nanoTime();
                    KernelPool.parallelFor(tasks, k -> {
                        long s = System.nanoTime();
                        GemmBlocked.multiplyPacked(false, (int) ((long) rowTiles * k / tasks) * MR,
                            Math.min(n, (int) ((long) rowTiles * (k + 1) / tasks) * MR), 0, n, a, 0, n, pb, 0f, null, 0, c, 0, n, null);
                        int id = Thread.currentThread().getName().startsWith("rnn4j") ? 1 : 0;
                        busy.addAndGet(id, System.nanoTime() - s);
                    });
                    t[i] = System.nanoTime() - t0;
                    idle += 1 - (busy.get(0) + busy.get(1)) / (2.0 * t[i]);
                }
                Arrays.sort(t);
                sb.append(String.format("tasks %2d %.0f (idle %.1f%%)  ", tasks, 2.0 * n * n * n / t[3], 100 * idle / t.length));
            }
            if (round > 0) System.out.println(sb);
        }
    }
}
