package dev.rnn4j.kernel;

/** The 8x2 tile on panels in L1, on one thread, then on two threads at once (each its own panels). */
public class Tile2Probe {
    static double run(int kc, int reps) {
        int nr = 2 * TileProbe.L;
        float[] a = new float[8 * kc + 64], b = new float[nr * kc + 64], c = new float[8 * nr], s = new float[8 * nr];
        java.util.Arrays.fill(a, 0.5f);
        java.util.Arrays.fill(b, 0.25f);
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) GemmMicroKernel.multiply(kc, a, 0, b, 12, c, 0, nr, 0f, s);
        return 2.0 * 8 * nr * kc * reps / (System.nanoTime() - t);
    }

    public static void main(String[] args) throws Exception {
        int kc = 256, reps = 200000;
        for (int round = 0; round < 6; round++) {
            double one = run(kc, reps);
            double[] two = new double[2];
            Thread[] ts = new Thread[2];
            for (int i = 0; i < 2; i++) {
                int id = i;
                ts[i] = new Thread(() -> two[id] = run(kc, reps));
                ts[i].start();
            }
            for (Thread th : ts) th.join();
            System.out.printf("one thread %.1f, two threads %.1f + %.1f = %.1f GFLOP/s; FMA peak %.1f%n", one, two[0],
                    two[1], two[0] + two[1], FmaPeak.gflops(20_000_000));
        }
    }
}
