package dev.rnn4j.kernel;
import java.util.Random;
public class GateProbe {
    public static void main(String[] args) {
        int H = 512, G = 4 * H, rows = 64;
        Random r = new Random(1);
        float[] a = new float[rows * G], a0 = new float[rows * G], c = new float[rows * H], h = new float[rows * H], tc = new float[rows * H];
        for (int i = 0; i < a0.length; i++) a0[i] = (float) r.nextGaussian() * 2;
        for (int i = 0; i < c.length; i++) c[i] = (float) r.nextGaussian();
        float[] x = new float[rows * G];
        for (int round = 0; round < 10; round++) {
            long tg = 0, ts = 0, tt = 0, te = 0;
            for (int rep = 0; rep < 200; rep++) {
                System.arraycopy(a0, 0, a, 0, a.length);
                long t0 = System.nanoTime();
                for (int b = 0; b < rows; b++) LstmGates.forward(H, a, b * G, c, b * H, h, b * H, tc, b * H);
                tg += System.nanoTime() - t0;
                System.arraycopy(a0, 0, x, 0, a.length);
                t0 = System.nanoTime();
                Activations.sigmoidInPlace(x, 0, x.length);
                ts += System.nanoTime() - t0;
                System.arraycopy(a0, 0, x, 0, a.length);
                t0 = System.nanoTime();
                Activations.tanhInPlace(x, 0, x.length);
                tt += System.nanoTime() - t0;
            }
            double n = 200.0 * rows;
            System.out.printf("gates fwd %.0f ns/row (%.2f ns/elem of 4H);  sigmoid %.3f ns/elem, tanh %.3f ns/elem%n", tg / n, tg / n / G, ts / (n * G), tt / (n * G));
        }
    }
}
