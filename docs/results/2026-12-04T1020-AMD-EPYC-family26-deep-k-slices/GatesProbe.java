package dev.rnn4j.kernel;
import java.util.Random;
public class GatesProbe {
    public static void main(String[] args) {
        int H = 512, G = 4 * H, rows = 3200, B = 32;
        Random r = new Random(1);
        float[] a0 = new float[rows * G]; for (int i = 0; i < a0.length; i++) a0[i] = (float) r.nextGaussian() * 2;
        float[] a = a0.clone(), cs = new float[B * H], h = new float[B * H], tanhC = new float[rows * H];
        float[] x = new float[G * B]; for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian() * 2;
        for (int round = 0; round < 30; round++) {
            System.arraycopy(a0, 0, a, 0, a.length);
            long t0 = System.nanoTime();
            for (int row = 0; row < rows; row++) LstmGates.forward(H, a, row * G, cs, (row % B) * H, h, (row % B) * H, tanhC, row * H);
            long t1 = System.nanoTime();
            // in-cache: same 32 rows again and again
            for (int rep = 0; rep < rows / B; rep++) {
                System.arraycopy(x, 0, a, 0, x.length);
                for (int b = 0; b < B; b++) LstmGates.forward(H, a, b * G, cs, b * H, h, b * H, tanhC, b * H);
            }
            long t2 = System.nanoTime();
            long t3 = System.nanoTime();
            for (int rep = 0; rep < rows / B; rep++) {
                for (int b = 0; b < B; b++) Activations.sigmoidInPlace(x, b * G, G);
            }
            long t4 = System.nanoTime();
            for (int rep = 0; rep < rows / B; rep++) {
                for (int b = 0; b < B; b++) Activations.tanhInPlace(x, b * G, G);
            }
            long t5 = System.nanoTime();
            for (int rep = 0; rep < rows / B; rep++) System.arraycopy(x, 0, a, 0, x.length);
            long t6 = System.nanoTime();
            if (round % 5 == 4) System.out.printf("cold rows %.2f ms (%.2f ns/elem of 4H), hot %.2f ms (copy %.2f), sigmoid %.2f ns/elem, tanh %.2f ns/elem%n",
                (t1 - t0) / 1e6, (t1 - t0) / (double) rows / G, (t2 - t1) / 1e6, (t6-t5)/1e6, (t4 - t3) / (double) rows / G, (t5 - t4) / (double) rows / G);
        }
    }
}
