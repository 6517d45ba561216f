package dev.rnn4j.kernel;
public class GateProbe {
    public static void main(String[] args) {
        int H = 512, B = 32, G = 4 * H;
        java.util.Random r = new java.util.Random(1);
        float[] a0 = new float[B * G]; for (int i = 0; i < a0.length; i++) a0[i] = (float) r.nextGaussian() * 2;
        float[] a = new float[B * G], c = new float[B * H], h = new float[B * H], t = new float[B * H], p = new float[B*G];
        for (int round = 0; round < 12; round++) {
            long best = Long.MAX_VALUE, bestAdd = Long.MAX_VALUE, bestCopy = Long.MAX_VALUE;
            for (int rep = 0; rep < 400; rep++) {
                System.arraycopy(a0, 0, a, 0, a.length);
                long s = System.nanoTime();
                for (int b = 0; b < B; b++) LstmGates.forward(H, a, b * G, c, b * H, h, b * H, t, b * H);
                best = Math.min(best, System.nanoTime() - s);
                s = System.nanoTime();
                Rows.add(B * G, p, 0, a, 0);
                bestAdd = Math.min(bestAdd, System.nanoTime() - s);
            }
            System.out.printf("gates %d us, add %d us per step of %d rows%n", best / 1000, bestAdd / 1000, B);
        }
    }
}
