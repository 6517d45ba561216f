package dev.rnn4j.kernel;
import java.util.*;
import java.util.concurrent.*;
public class TileAB2 {
    static ExecutorService ex; static int threads; static float[][] as, bs, cs;
    static double run(int mc, int kc, int nc, long flopsTarget) throws Exception {
        int blocks = (int) Math.max(1, flopsTarget / (2L * mc * kc * nc));
        Future<?>[] fs = new Future<?>[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            final int tt = t;
            fs[t] = ex.submit(() -> {
                float[] a = as[tt], b = bs[tt], c = cs[tt], s = new float[256];
                int aRegion = Integer.getInteger("aRegion", Math.max(1, (a.length / (mc * kc))));
                for (int blk = 0; blk < blocks; blk++) {
                    int aBase = (blk % aRegion) * mc * kc;
                    for (int jr = 0; jr < nc; jr += GemmMicroKernel.NR)
                        for (int ir = 0; ir < mc; ir += GemmMicroKernel.MR)
                            GemmMicroKernel.multiply(kc, a, aBase + ir * kc, b, 12 + jr * kc, c, ir * nc + jr, nc, 0f, s);
                }
            });
        }
        for (Future<?> f : fs) f.get();
        return threads * 2.0 * blocks * mc * kc * nc / (System.nanoTime() - t0);
    }
    public static void main(String[] args) throws Exception {
        threads = Integer.parseInt(args[0]);
        int[] x = {Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3])};
        int[] y = {Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6])};
        ex = Executors.newFixedThreadPool(threads);
        as = new float[threads][]; bs = new float[threads][]; cs = new float[threads][];
        Random rnd = new Random(1);
        for (int t = 0; t < threads; t++) {
            as[t] = new float[2048 * 2048]; bs[t] = new float[2048 * 2048 + 64]; cs[t] = new float[512 * 2048];
            for (int i = 0; i < as[t].length; i++) as[t][i] = rnd.nextFloat();
            for (int i = 0; i < bs[t].length; i++) bs[t][i] = rnd.nextFloat();
        }
        List<Double> ratios = new ArrayList<>(); double s1 = 0, s2 = 0;
        long target = 400_000_000L;
        for (int i = 0; i < 50; i++) {
            double x1, x2;
            if ((i & 1) == 0) { x1 = run(x[0], x[1], x[2], target); x2 = run(y[0], y[1], y[2], target); } else { x2 = run(y[0], y[1], y[2], target); x1 = run(x[0], x[1], x[2], target); }
            if (i >= 10) { ratios.add(x2 / x1); s1 += x1; s2 += x2; }
        }
        Collections.sort(ratios);
        System.out.printf("thr %d  %s %.0f  vs  %s %.0f  ratio %.3f [%.3f-%.3f]%n", threads, Arrays.toString(x), s1 / 40, Arrays.toString(y), s2 / 40, ratios.get(20), ratios.get(10), ratios.get(30));
        ex.shutdown();
    }
}
