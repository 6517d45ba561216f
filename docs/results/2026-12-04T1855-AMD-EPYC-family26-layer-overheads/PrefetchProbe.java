package dev.rnn4j.kernel;
import jdk.incubator.vector.*;
import java.util.*;
import java.util.concurrent.*;
public class PrefetchProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), NR = 2 * L;
    static int sink;
    // the 8x2 tile, also touching two floats per k step of the panel at nb (the next B panel)
    static int tilePf(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, int nbi) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int touch = 0;
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * 8, bp = bi + p * NR;
            touch ^= Float.floatToRawIntBits(b[nbi + p * NR]) ^ Float.floatToRawIntBits(b[nbi + p * NR + L]);
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L); c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L); c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L); c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L); c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
        return touch;
    }
    static ExecutorService ex; static int threads; static float[][] as, bs, cs;
    static double run(boolean pf, int mc, int kc, int nc, long flopsTarget) throws Exception {
        int blocks = (int) Math.max(1, flopsTarget / (2L * mc * kc * nc));
        Future<?>[] fs = new Future<?>[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            final int tt = t;
            fs[t] = ex.submit(() -> {
                float[] a = as[tt], b = bs[tt], c = cs[tt], s = new float[256];
                int acc = 0;
                for (int blk = 0; blk < blocks; blk++) {
                    for (int jr = 0; jr < nc; jr += NR) {
                        int last = mc - GemmMicroKernel.MR;
                        for (int ir = 0; ir < mc; ir += GemmMicroKernel.MR) {
                            int next = 12 + ((jr + NR) % nc) * kc;
                            if (pf && ir == last) acc ^= tilePf(kc, a, ir * kc, b, 12 + jr * kc, c, ir * nc + jr, nc, next);
                            else GemmMicroKernel.multiply(kc, a, ir * kc, b, 12 + jr * kc, c, ir * nc + jr, nc, 0f, s);
                        }
                    }
                }
                sink ^= acc;
            });
        }
        for (Future<?> f : fs) f.get();
        return threads * 2.0 * blocks * mc * kc * nc / (System.nanoTime() - t0);
    }
    public static void main(String[] args) throws Exception {
        threads = Integer.parseInt(args[0]);
        int mc = Integer.parseInt(args[1]), kc = Integer.parseInt(args[2]), nc = Integer.parseInt(args[3]);
        ex = Executors.newFixedThreadPool(threads);
        as = new float[threads][]; bs = new float[threads][]; cs = new float[threads][];
        Random rnd = new Random(1);
        for (int t = 0; t < threads; t++) {
            as[t] = new float[mc * kc]; bs[t] = new float[kc * nc + 64]; cs[t] = new float[mc * nc];
            for (int i = 0; i < as[t].length; i++) as[t][i] = rnd.nextFloat();
            for (int i = 0; i < bs[t].length; i++) bs[t][i] = rnd.nextFloat();
        }
        List<Double> ratios = new ArrayList<>(); double s1 = 0, s2 = 0;
        for (int i = 0; i < 50; i++) {
            double x1, x2;
            if ((i & 1) == 0) { x1 = run(false, mc, kc, nc, 400_000_000L); x2 = run(true, mc, kc, nc, 400_000_000L); } else { x2 = run(true, mc, kc, nc, 400_000_000L); x1 = run(false, mc, kc, nc, 400_000_000L); }
            if (i >= 10) { ratios.add(x2 / x1); s1 += x1; s2 += x2; }
        }
        Collections.sort(ratios);
        System.out.printf("thr %d %dx%dx%d plain %.0f touch-next %.0f ratio %.3f [%.3f-%.3f] %d%n", threads, mc, kc, nc, s1 / 40, s2 / 40, ratios.get(20), ratios.get(10), ratios.get(30), sink & 1);
        ex.shutdown();
    }
}
