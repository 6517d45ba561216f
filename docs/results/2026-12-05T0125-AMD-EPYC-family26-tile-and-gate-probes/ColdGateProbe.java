package dev.rnn4j.kernel;
/** The LSTM forward step's add and gates on a thread's 32 rows, the rows of a 26 MB array as in a layer (cold). */
public class ColdGateProbe {
    public static void main(String[] args) {
        int H = 512, B = 64, T = 50, G = 4 * H, rows = 32;
        java.util.Random r = new java.util.Random(1);
        float[] a = new float[T * B * G], p = new float[rows * G], c = new float[rows * H], h = new float[rows * H],
                tc = new float[T * B * H], junk = new float[8 << 20];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int round = 0; round < 8; round++) {
            java.util.Arrays.fill(junk, round);                      // push a out of the caches
            long add = 0, gates = 0;
            for (int t = 0; t < T; t++) {
                int row0 = t * B;
                long s = System.nanoTime();
                Rows.add(rows * G, p, 0, a, row0 * G);
                long m = System.nanoTime();
                for (int b = 0; b < rows; b++) LstmGates.forward(H, a, (row0 + b) * G, c, b * H, h, b * H, tc, (row0 + b) * H);
                gates += System.nanoTime() - m;
                add += m - s;
            }
            long hotAdd = Long.MAX_VALUE, hotGates = Long.MAX_VALUE;
            for (int rep = 0; rep < 50; rep++) {
                long s = System.nanoTime();
                Rows.add(rows * G, p, 0, a, 0);
                long m = System.nanoTime();
                for (int b = 0; b < rows; b++) LstmGates.forward(H, a, b * G, c, b * H, h, b * H, tc, b * H);
                hotGates = Math.min(hotGates, System.nanoTime() - m);
                hotAdd = Math.min(hotAdd, m - s);
            }
            System.out.printf("per step, cold rows: add %.1f us, gates %.1f us; hot: add %.1f, gates %.1f%n",
                    add / 1e3 / T, gates / 1e3 / T, hotAdd / 1e3, hotGates / 1e3);
        }
    }
}
