package dev.rnn4j.kernel;
import java.lang.management.*;
public class AlignProbe {
    public static void main(String[] args) throws Exception {
        int kc = 256;
        String which = args[0];
        float[] a = new float[2 * 8 * kc + 64], b = new float[2 * 32 * kc + 64], c = new float[16 * 64];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.01f;
        for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 0.01f;
        java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe"); f.setAccessible(true);
        sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int[] offs = {0, 2, 4, 6, 8, 10, 12, 14};
        double[][] rates = new double[offs.length][6];
        for (int round = 0; round < 8; round++) {
            for (int oi = 0; oi < offs.length; oi++) {
                int off = offs[oi];
                long tiles = 0, c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                while (System.nanoTime() - t0 < 150_000_000L) {
                    for (int j = 0; j < 2; j++) for (int i = 0; i < 2; i++) {
                        int ai = i * 8 * kc, bi = j * 32 * kc + off, ci = i * 8 * 64 + j * 32;
                        if (which.equals("noa")) TileVariants.t8x2noa(kc, a, ai, b, bi, c, ci, 64);
                        else TileVariants.t8x2(kc, a, ai, b, bi, c, ci, 64);
                        tiles++;
                    }
                }
                double s = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                if (round >= 2) rates[oi][round - 2] = 2.0 * 8 * 32 * kc * tiles / s / 1e9;
            }
        }
        Object[] h = {b};
        long addr = (u.getInt(h, (long) sun.misc.Unsafe.ARRAY_OBJECT_BASE_OFFSET) & 0xffffffffL) << 3;
        for (int oi = 0; oi < offs.length; oi++) {
            double[] r = rates[oi].clone(); java.util.Arrays.sort(r);
            System.out.printf("%s data%%64 %2d: median %.1f GFLOP/s (min %.1f max %.1f)%n", which, (addr + 16 + 4L * offs[oi]) % 64, (r[2] + r[3]) / 2, r[0], r[5]);
        }
    }
}
